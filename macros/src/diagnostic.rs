//! Traits the generated code declares for itself, inside the method that uses them, so that a
//! mistake rustc alone would explain badly gets a `#[diagnostic::on_unimplemented]` message that
//! says what to do. They live in the generated code rather than in the runtime so that no error
//! names a path of the runtime's hidden `__private` module: rustc prints a local trait by its
//! bare name.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::private;

/// A trait named `name` whose only impl is for `expected`, with one method
/// `from_proof(expected) -> Self`. The generated call `Self::method(self, <_ as name>::from_proof(x))`
/// lets the method's own parameter type fill the `_`: a method that takes anything else fails
/// on this trait, with `message` (`{Self}` is the type the method takes).
pub fn takes(name: &Ident, expected: &TokenStream, message: &str, label: &str) -> TokenStream {
    quote! {
        #[diagnostic::on_unimplemented(message = #message, label = #label)]
        trait #name: ::core::marker::Sized {
            fn from_proof(proof: #expected) -> Self;
        }

        #[diagnostic::do_not_recommend]
        impl #name for #expected {
            #[inline(always)]
            fn from_proof(proof: #expected) -> Self {
                proof
            }
        }
    }
}

/// `HeaderFromStr`: how a `#[header("name")]` field is read, `<T as HeaderFromStr>::header(..)`.
/// Without it, a field type that is not `FromStr` gets rustc's list of every `FromStr` type.
pub fn header_from_str() -> TokenStream {
    const MESSAGE: &str = "`{Self}` cannot be read from one header: a `#[header(\"name\")]` field's type must implement `FromStr`";
    const NOTE: &str = "use `String`, `HeaderValue`, an integer such as `u64`, or a type of yours that implements `FromStr`; a typed header such as `RetryAfter` or `ContentType` reads its own header: remove `#[header(...)]` and keep the field";
    quote! {
        #[diagnostic::on_unimplemented(message = #MESSAGE, label = "not `FromStr`", note = #NOTE)]
        #[allow(dead_code)] // a type may read only required headers, or only optional ones
        trait HeaderFromStr: ::core::marker::Sized {
            fn header(
                response: &#private::BufferedResponse,
                name: &#private::HeaderName,
            ) -> #private::Result<Self, #private::ExtractError>;
            fn optional_header(
                response: &#private::BufferedResponse,
                name: &#private::HeaderName,
            ) -> #private::Result<#private::Option<Self>, #private::ExtractError>;
        }

        #[diagnostic::do_not_recommend]
        impl<T> HeaderFromStr for T
        where
            T: ::core::str::FromStr,
            <T as ::core::str::FromStr>::Err: ::core::fmt::Display,
        {
            #[inline]
            fn header(
                response: &#private::BufferedResponse,
                name: &#private::HeaderName,
            ) -> #private::Result<Self, #private::ExtractError> {
                #private::header::<T>(response, name)
            }

            #[inline]
            fn optional_header(
                response: &#private::BufferedResponse,
                name: &#private::HeaderName,
            ) -> #private::Result<#private::Option<Self>, #private::ExtractError> {
                #private::optional_header::<T>(response, name)
            }
        }
    }
}
