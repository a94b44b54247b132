//! `#[wire(migrate_from = Older)]`: frames of the older version (and, through it, of every
//! version before) decode into this type with its `TryFrom<Older>`.

use super::Paths;
use crate::ast::Input;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

/// `fn __migrate` of the `WireMessage` impl, and the compile-time checks of the declaration
/// (reported on the path): `Older` is a version of the same message, and an older one, so a
/// chain of migrations always ends and never loops. Nothing without `migrate_from`.
pub fn expand(input: &Input, paths: &Paths) -> (TokenStream, TokenStream) {
    let Some(older) = &input.attrs.migrate_from else {
        return (TokenStream::new(), TokenStream::new());
    };
    let krate = &paths.krate;
    let ident = input.ident();
    let method = quote! {
        fn __migrate(
            __frame: &[u8],
            __version: u16,
            __kind: #krate::CodecKind,
            __limits: &#krate::Limits,
        ) -> ::core::option::Option<::core::result::Result<Self, #krate::CodecError>> {
            if __version == <#older as #krate::WireMessage>::SCHEMA_VERSION {
                return ::core::option::Option::Some(
                    #krate::__private::migrate_step::<#older, Self>(__frame, __kind, __limits),
                );
            }
            let __older = <#older as #krate::WireMessage>::__migrate(__frame, __version, __kind, __limits)?;
            ::core::option::Option::Some(__older.and_then(#krate::__private::convert::<#older, Self>))
        }
    };
    let checks = quote_spanned! {older.span()=>
        const _: () = {
            ::core::assert!(
                <#older as #krate::WireMessage>::TYPE_ID == <#ident as #krate::WireMessage>::TYPE_ID,
                "`migrate_from` must name an older version of the same message: give both types the same #[wire(name = \"...\")]",
            );
            ::core::assert!(
                <#older as #krate::WireMessage>::SCHEMA_VERSION < <#ident as #krate::WireMessage>::SCHEMA_VERSION,
                "`migrate_from` must name an older version: its #[wire(version = N)] must be lower than this type's",
            );
        };
    };
    (method, checks)
}
