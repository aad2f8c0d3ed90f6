//! The one path generated code reaches the runtime through (thiserror's `private`):
//! `::response_handler::__private` by default, `path::__private` under
//! `#[response_handler(crate = "path")]` (serde's `#[serde(crate = "...")]`), for a crate that
//! re-exports the runtime to users who do not depend on it themselves.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote_spanned};
use syn::Path;

/// `quote!(#private::Extract)`. Built once per derive from the container attributes and handed
/// to every expansion with the input.
#[derive(Clone, Default)]
pub struct Private {
    /// The runtime's path, if `crate = "..."` gave one.
    krate: Option<Path>,
}

impl Private {
    pub fn new(krate: Option<Path>) -> Self {
        Private { krate }
    }

    /// The path with every token at `span`: rustc then points an error about an item behind it
    /// at the user's tokens.
    pub fn spanned(&self, span: Span) -> TokenStream {
        match &self.krate {
            None => quote_spanned!(span=> ::response_handler::__private),
            Some(krate) => {
                let krate = krate.to_token_stream().into_iter().map(|mut token| {
                    token.set_span(span);
                    token
                });
                quote_spanned!(span=> #(#krate)*::__private)
            }
        }
    }
}

impl ToTokens for Private {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(self.spanned(Span::call_site()));
    }
}

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    use super::*;

    #[test]
    fn the_default_is_the_runtime_and_a_crate_path_replaces_it() {
        let path = |private: Private| private.to_token_stream().to_string().replace(' ', "");
        assert_eq!(path(Private::default()), "::response_handler::__private");
        assert_eq!(
            path(Private::new(Some(parse_quote!(my_sdk::rh)))),
            "my_sdk::rh::__private"
        );
        assert_eq!(
            path(Private::new(Some(parse_quote!(::my_sdk::rh)))),
            "::my_sdk::rh::__private"
        );
    }
}
