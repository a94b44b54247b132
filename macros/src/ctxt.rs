//! Collects errors so that one build reports every mistake, as serde_derive's `Ctxt` does.

use std::cell::RefCell;
use std::fmt::Display;

/// An error collector. Parsing goes on after an error; [`Ctxt::check`] combines them all.
///
/// Like serde_derive's, a context dropped without [`Ctxt::check`] is a bug in this crate (its
/// errors would be lost, and the derive would expand as if the input were valid): debug builds,
/// which the tests use, panic on it.
pub struct Ctxt {
    /// `None` once checked.
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Default for Ctxt {
    fn default() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }
}

impl Ctxt {
    /// Records an error spanning `tokens`.
    pub fn error_spanned_by<T: quote::ToTokens, M: Display>(&self, tokens: T, message: M) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// Records an error.
    pub fn push(&self, error: syn::Error) {
        if let Some(errors) = self.errors.borrow_mut().as_mut() {
            errors.push(error);
        }
    }

    /// All recorded errors, combined into one, or `Ok` if there were none.
    pub fn check(self) -> syn::Result<()> {
        let errors = self.errors.borrow_mut().take().unwrap_or_default();
        let mut errors = errors.into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        let unchecked = self.errors.get_mut().is_some();
        if cfg!(debug_assertions) && unchecked && !std::thread::panicking() {
            panic!("wiremsg-derive: a Ctxt was dropped without check(): its errors would be lost");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Ctxt;

    #[test]
    fn check_combines_every_error() {
        let cx = Ctxt::default();
        cx.error_spanned_by(quote::quote!(a), "first");
        cx.error_spanned_by(quote::quote!(b), "second");
        let messages: Vec<String> = cx
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(messages, ["first", "second"]);
        assert!(Ctxt::default().check().is_ok());
    }

    #[test]
    #[should_panic(expected = "dropped without check()")]
    fn an_unchecked_context_panics_in_debug_builds() {
        let cx = Ctxt::default();
        cx.error_spanned_by(quote::quote!(a), "lost");
    }
}
