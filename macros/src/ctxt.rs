//! Collects every error of one derive, so the user sees all of them at once (serde's `Ctxt`),
//! and reports a value given twice with a note on the first (serde's `Attr<T>`).

use core::cell::RefCell;
use core::fmt::Display;
use std::thread;

use proc_macro2::TokenStream;
use quote::ToTokens;

/// The errors found so far. `check` consumes it, so nothing can be reported after the errors
/// were handed over; dropping it unchecked panics, so no error can be lost either.
pub struct Ctxt {
    /// `None` once `check` took the errors: `Drop` then knows they were looked at.
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// An error spanning `tokens`.
    pub fn error_spanned_by(&self, tokens: impl ToTokens, message: impl Display) {
        self.syn_error(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    pub fn syn_error(&self, error: syn::Error) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("`check` consumes the `Ctxt`")
            .push(error);
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
        let mut errors = self
            .errors
            .borrow_mut()
            .take()
            .expect("`check` consumes the `Ctxt`")
            .into_iter();
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
        // While unwinding from another panic, a second one would abort and hide the first.
        if !thread::panicking() && self.errors.borrow().is_some() {
            panic!("forgot to check for errors");
        }
    }
}

/// A value that one position may give once (serde's `Attr<T>`): the second is reported with a
/// note on the first, and dropped.
pub struct Attr<'c, T> {
    cx: &'c Ctxt,
    /// The value and the tokens that gave it.
    value: Option<(TokenStream, T)>,
    twice: &'static str,
    first_is_here: &'static str,
}

impl<'c, T> Attr<'c, T> {
    pub fn new(cx: &'c Ctxt, twice: &'static str, first_is_here: &'static str) -> Self {
        Attr {
            cx,
            value: None,
            twice,
            first_is_here,
        }
    }

    /// Records the value `tokens` give, computed only if it is the first.
    pub fn set_once(&mut self, tokens: impl ToTokens, value: impl FnOnce() -> T) {
        match &self.value {
            Some((first, _)) => self.cx.twice(first, tokens, self.twice, self.first_is_here),
            None => self.value = Some((tokens.into_token_stream(), value())),
        }
    }

    pub fn get(self) -> Option<T> {
        self.value.map(|(_, value)| value)
    }
}

#[cfg(test)]
mod tests {
    use syn::{Ident, parse_quote};

    use super::*;

    #[test]
    fn check_combines_every_error_in_order() {
        let cx = Ctxt::new();
        cx.error_spanned_by(quote::quote!(a), "first");
        cx.error_spanned_by(quote::quote!(b), "second");
        let messages: Vec<String> = cx
            .check()
            .unwrap_err()
            .into_iter()
            .map(|error| error.to_string())
            .collect();
        assert_eq!(messages, ["first", "second"]);
        assert!(Ctxt::new().check().is_ok());
    }

    #[test]
    fn a_second_value_is_reported_with_the_first() {
        let cx = Ctxt::new();
        let mut attr = Attr::new(&cx, "twice", "first here");
        let first: Ident = parse_quote!(a);
        attr.set_once(&first, || 1);
        attr.set_once(&first, || unreachable!("only the first value is computed"));
        assert_eq!(attr.get(), Some(1));
        let error = cx.check().unwrap_err();
        let messages: Vec<String> = error.into_iter().map(|error| error.to_string()).collect();
        assert_eq!(messages, ["twice", "first here"]);
    }

    #[test]
    #[should_panic(expected = "forgot to check for errors")]
    fn dropping_it_unchecked_panics() {
        let cx = Ctxt::new();
        cx.error_spanned_by(quote::quote!(a), "never reported");
    }

    #[test]
    #[should_panic(expected = "forgot to check for errors")]
    fn dropping_it_unchecked_panics_even_without_errors() {
        drop(Ctxt::new());
    }

    #[test]
    fn dropping_it_while_panicking_does_not_panic_again() {
        let unwound = std::panic::catch_unwind(|| {
            let _cx = Ctxt::new();
            panic!("the first panic");
        });
        let payload = unwound.unwrap_err();
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"the first panic"));
    }
}
