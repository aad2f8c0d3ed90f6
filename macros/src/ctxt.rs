//! Collects every error of one derive, so the user sees all of them at once (serde's `Ctxt`).

use core::cell::RefCell;
use core::fmt::Display;

use quote::ToTokens;

/// The errors found so far. `check` consumes it, so nothing can be reported after the errors
/// were handed over.
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Vec::new()),
        }
    }

    /// An error spanning `tokens`.
    pub fn error_spanned_by(&self, tokens: impl ToTokens, message: impl Display) {
        self.syn_error(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    pub fn syn_error(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    /// Something said twice: the error on the second occurrence, then a note on the first
    /// (strum's `occurrence_error`), so the user sees both places.
    pub fn twice(
        &self,
        first: impl ToTokens,
        second: impl ToTokens,
        message: impl Display,
        first_note: impl Display,
    ) {
        self.error_spanned_by(second, message);
        self.error_spanned_by(first, first_note);
    }

    /// All errors, combined into one, if there were any.
    pub fn check(self) -> syn::Result<()> {
        let mut errors = self.errors.into_inner().into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}
