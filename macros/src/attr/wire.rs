//! `#[wire(...)]` attributes parsed into typed values that remember their tokens for spans.

use crate::ctxt::Ctxt;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitInt, LitStr, Path};

const CONTAINER_KEYS: &str =
    "`id`, `name`, `version`, `codec`, `migrate_from`, `external_serde`, `external_rkyv` or `crate`";
const FIELD_KEYS: &str = "`as_json`, `skip` or `recursive`";

/// The codec a type chose with `codec = "..."`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Hybrid,
    Rkyv,
    Json,
}

/// `#[wire(...)]` on a struct or enum.
#[derive(Default)]
pub struct ContainerAttrs {
    pub id: Option<u32>,
    pub name: Option<LitStr>,
    pub version: Option<u16>,
    pub codec: Option<Codec>,
    pub external_serde: Option<Span>,
    pub external_rkyv: Option<Span>,
    pub krate: Option<Path>,
    /// `migrate_from = Older`: the previous version of this message.
    pub migrate_from: Option<Path>,
}

/// `#[wire(...)]` on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub as_json: Option<Span>,
    pub skip: Option<Span>,
    pub recursive: Option<Span>,
}

impl ContainerAttrs {
    pub fn codec(&self) -> Codec {
        self.codec.unwrap_or(Codec::Hybrid)
    }

    pub fn has_rkyv(&self) -> bool {
        self.codec() != Codec::Json
    }

    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> ContainerAttrs {
        let mut out = ContainerAttrs::default();
        for attr in wire_attrs(attrs) {
            let result = attr.parse_nested_meta(|meta| {
                let key = key_of(&meta);
                match key.as_str() {
                    "id" => {
                        if let Some(id) = parse_int(cx, &meta, "id = 42")? {
                            set(cx, &meta, &mut out.id, id);
                        }
                    }
                    "name" => {
                        if let Some(name) = parse_str(cx, &meta, "name = \"chat.Message\"")? {
                            if name.value().is_empty() {
                                cx.error_spanned_by(&name, "`name` must not be empty");
                            }
                            set(cx, &meta, &mut out.name, name);
                        }
                    }
                    "version" => {
                        if let Some(version) = parse_int(cx, &meta, "version = 2")? {
                            set(cx, &meta, &mut out.version, version);
                        }
                    }
                    "codec" => {
                        if let Some(codec) = parse_codec(cx, &meta)? {
                            set(cx, &meta, &mut out.codec, codec);
                        }
                    }
                    "external_serde" => set_flag(cx, &meta, &mut out.external_serde)?,
                    "external_rkyv" => set_flag(cx, &meta, &mut out.external_rkyv)?,
                    "crate" => {
                        let path = parse_path(&meta)?;
                        set(cx, &meta, &mut out.krate, path);
                    }
                    "migrate_from" => {
                        let path = parse_path(&meta)?;
                        set(cx, &meta, &mut out.migrate_from, path);
                    }
                    _ => unknown(cx, &meta, &key, "container", CONTAINER_KEYS)?,
                }
                Ok(())
            });
            if let Err(error) = result {
                cx.push(error);
            }
        }
        out
    }
}

impl FieldAttrs {
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
        let mut out = FieldAttrs::default();
        for attr in wire_attrs(attrs) {
            let result = attr.parse_nested_meta(|meta| {
                let key = key_of(&meta);
                match key.as_str() {
                    "as_json" => set_flag(cx, &meta, &mut out.as_json),
                    "skip" => set_flag(cx, &meta, &mut out.skip),
                    "recursive" => set_flag(cx, &meta, &mut out.recursive),
                    _ => unknown(cx, &meta, &key, "field", FIELD_KEYS),
                }
            });
            if let Err(error) = result {
                cx.push(error);
            }
        }
        out
    }
}

/// Reports `#[wire]` where it has no meaning (on a variant).
pub fn reject_wire_attrs(cx: &Ctxt, attrs: &[Attribute], place: &str) {
    for attr in wire_attrs(attrs) {
        cx.error_spanned_by(
            attr,
            format!("#[wire(...)] has no meaning on {place}; put it on the type or on a field"),
        );
    }
}

fn wire_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("wire"))
}

fn key_of(meta: &ParseNestedMeta) -> String {
    meta.path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_else(|| {
            let path = &meta.path;
            quote::quote!(#path).to_string().replace(' ', "")
        })
}

/// Reports an unknown key and skips its value, so the keys after it are still checked.
fn unknown(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &str,
    level: &str,
    expected: &str,
) -> syn::Result<()> {
    cx.push(meta.error(format!(
        "unknown wire {level} attribute `{key}`; expected {expected}"
    )));
    crate::attr::rkyv::skip_value(meta.input)
}

fn set<T>(cx: &Ctxt, meta: &ParseNestedMeta, slot: &mut Option<T>, value: T) {
    if slot.is_some() {
        cx.error_spanned_by(
            &meta.path,
            format!("duplicate wire attribute `{}`", key_of(meta)),
        );
    } else {
        *slot = Some(value);
    }
}

fn set_flag(cx: &Ctxt, meta: &ParseNestedMeta, slot: &mut Option<Span>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) || meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format!(
            "`{}` takes no value: write `#[wire({})]`",
            key_of(meta),
            key_of(meta)
        )));
    }
    let span = meta
        .path
        .get_ident()
        .map_or_else(Span::call_site, |i| i.span());
    set(cx, meta, slot, span);
    Ok(())
}

fn value_error(meta: &ParseNestedMeta, example: &str) -> syn::Error {
    meta.error(format!("expected a value: `{example}`"))
}

/// Parses a literal value. A value that is not a literal is recorded in `cx`, spanned on it, and
/// gives `None`; the attribute's other keys are still read.
fn parse_lit(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    kind: &str,
    example: &str,
) -> syn::Result<Option<syn::Lit>> {
    let value = meta.value().map_err(|_| value_error(meta, example))?;
    if value.peek(syn::Lit) || value.peek(syn::Token![-]) {
        return value.parse().map(Some);
    }
    let found: proc_macro2::TokenTree = value.parse()?;
    cx.error_spanned_by(found, format!("expected {kind}, as in `{example}`"));
    Ok(None)
}

/// Parses an unsigned integer no larger than `T` holds. A syntax error is returned (the rest of
/// the attribute cannot be read); a value of the wrong kind or range is recorded in `cx` and gives
/// `None`.
fn parse_int<T>(cx: &Ctxt, meta: &ParseNestedMeta, example: &str) -> syn::Result<Option<T>>
where
    T: std::str::FromStr + TryFrom<u64>,
    T::Err: std::fmt::Display,
{
    let Some(lit) = parse_lit(cx, meta, "an integer", example)? else {
        return Ok(None);
    };
    let syn::Lit::Int(int) = &lit else {
        cx.error_spanned_by(&lit, format!("expected an integer, as in `{example}`"));
        return Ok(None);
    };
    match LitInt::base10_parse::<T>(int) {
        Ok(parsed) => Ok(Some(parsed)),
        Err(_) => {
            let max = max_of::<T>().unwrap_or(u64::MAX);
            cx.error_spanned_by(
                int,
                format!(
                    "`{}` takes an integer from 0 to {max} ({}), found `{int}`",
                    key_of(meta),
                    std::any::type_name::<T>()
                ),
            );
            Ok(None)
        }
    }
}

/// The largest value of an unsigned integer type: the first all-ones value from `u64::MAX` down
/// (to 0) that converts.
fn max_of<T: TryFrom<u64>>() -> Option<u64> {
    (0..u64::BITS)
        .map(|shift| u64::MAX >> shift)
        .chain([0])
        .find(|candidate| T::try_from(*candidate).is_ok())
}

/// Parses a string value; like [`parse_int`], a value of another kind is recorded in `cx`.
fn parse_str(cx: &Ctxt, meta: &ParseNestedMeta, example: &str) -> syn::Result<Option<LitStr>> {
    match parse_lit(cx, meta, "a string", example)? {
        Some(syn::Lit::Str(s)) => Ok(Some(s)),
        Some(other) => {
            cx.error_spanned_by(other, format!("expected a string, as in `{example}`"));
            Ok(None)
        }
        None => Ok(None),
    }
}

fn parse_codec(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Codec>> {
    let Some(lit) = parse_str(cx, meta, "codec = \"rkyv\"")? else {
        return Ok(None);
    };
    Ok(match lit.value().as_str() {
        "hybrid" => Some(Codec::Hybrid),
        "rkyv" => Some(Codec::Rkyv),
        "json" => Some(Codec::Json),
        other => {
            cx.error_spanned_by(
                &lit,
                format!("unknown codec `{other}`; expected \"hybrid\", \"rkyv\" or \"json\""),
            );
            None
        }
    })
}

fn parse_path(meta: &ParseNestedMeta) -> syn::Result<Path> {
    let value = meta
        .value()
        .map_err(|_| value_error(meta, "crate = ::my_reexport::wiremsg"))?;
    if value.peek(LitStr) {
        let lit: LitStr = value.parse()?;
        return lit.parse();
    }
    value.call(Path::parse_mod_style).map_err(|error| {
        syn::Error::new(
            error.span(),
            "expected a path, as in `crate = ::my_reexport::wiremsg`",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::max_of;

    /// Converts from 0 alone: every all-ones candidate is refused, down to the last.
    struct OnlyZero;

    impl TryFrom<u64> for OnlyZero {
        type Error = ();
        fn try_from(value: u64) -> Result<Self, ()> {
            if value == 0 {
                Ok(OnlyZero)
            } else {
                Err(())
            }
        }
    }

    #[test]
    fn max_of_finds_each_type_maximum_without_overflowing() {
        assert_eq!(max_of::<u8>(), Some(u8::MAX.into()));
        assert_eq!(max_of::<u16>(), Some(u16::MAX.into()));
        assert_eq!(max_of::<u64>(), Some(u64::MAX));
        assert_eq!(max_of::<OnlyZero>(), Some(0));
    }
}
