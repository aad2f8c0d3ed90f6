//! The one path generated code reaches the runtime through (thiserror's `private`):
//! `::response_handler::__private` by default, `path::__private` under
//! `#[response_handler(crate = "path")]` (serde's `#[serde(crate = "...")]`), for a crate that
//! re-exports the runtime to users who do not depend on it themselves.

use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};
use syn::Path;

/// `quote!(#private::Extract)`. Built once per derive from the container attributes and handed
/// to every expansion with the input.
#[derive(Clone, Default)]
pub struct Private {
    /// The runtime's path, if `crate = "..."` gave one.
    krate: Option<Path>,
    /// The path is the alias `__rh`, which `Private::import` declares (see `aliased`).
    alias: bool,
}

/// The alias generated items name the runtime's `__private` by, inside the block that imports it.
const ALIAS: &str = "__rh";

/// The aliases of `Result::Ok` and `Result::Err` that `Private::import` declares.
const OK: &str = "__Ok";
const ERR: &str = "__Err";

impl Private {
    pub fn new(krate: Option<Path>) -> Self {
        Private {
            krate,
            alias: false,
        }
    }

    /// The same runtime, named `__rh`: for code inside a block that begins with `import()`. The
    /// derive names the runtime hundreds of times per type; one token instead of six (the
    /// default `::response_handler::__private`) is less for the macro to build and for rustc
    /// to parse and resolve. Error messages are unchanged: rustc names items by their own path,
    /// never by an alias.
    pub fn aliased(&self) -> Self {
        Private {
            krate: self.krate.clone(),
            alias: true,
        }
    }

    /// `use ::response_handler::__private as __rh;`, what makes `aliased()` paths resolve, and
    /// the variants of `Result` as `__Ok` and `__Err`, which `ok()` and `err()` name there.
    pub fn import(&self) -> TokenStream {
        let full = Private::new(self.krate.clone());
        let alias = Ident::new(ALIAS, Span::call_site());
        let (ok, err) = (
            Ident::new(OK, Span::call_site()),
            Ident::new(ERR, Span::call_site()),
        );
        quote::quote! {
            #[allow(unused_imports)]
            use #full::{self as #alias, Result::{Ok as #ok, Err as #err}};
        }
    }

    /// `Result::Ok`: `__Ok` in a block that begins with `import()` (one token where the path
    /// takes seven: each field of each variant names it), the full path elsewhere.
    pub fn ok(&self) -> ResultVariant<'_> {
        ResultVariant {
            private: self,
            alias: OK,
            variant: "Ok",
        }
    }

    /// `Result::Err`, as [`Private::ok`] names `Ok`.
    pub fn err(&self) -> ResultVariant<'_> {
        ResultVariant {
            private: self,
            alias: ERR,
            variant: "Err",
        }
    }

    /// The path with every token at `span`: rustc then points an error about an item behind it
    /// at the user's tokens.
    pub fn spanned(&self, span: Span) -> PrivateAt<'_> {
        PrivateAt {
            private: self,
            span,
        }
    }
}

/// [`Private::spanned`]: the path, appended token by token where it is interpolated. The derive
/// names the runtime hundreds of times per type; a `TokenStream` built and spliced in each time
/// would cost several round trips to the compiler (proc-macro bridge) per use, tokens cost
/// none.
#[derive(Clone, Copy)]
pub struct PrivateAt<'a> {
    private: &'a Private,
    span: Span,
}

impl ToTokens for PrivateAt<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let span = self.span;
        if self.private.alias {
            tokens.append(Ident::new(ALIAS, span));
            return;
        }
        match &self.private.krate {
            None => {
                path_separator(tokens, span);
                tokens.append(Ident::new("response_handler", span));
            }
            Some(krate) => tokens.extend(krate.to_token_stream().into_iter().map(|mut token| {
                token.set_span(span);
                token
            })),
        }
        path_separator(tokens, span);
        tokens.append(Ident::new("__private", span));
    }
}

/// [`Private::ok`] and [`Private::err`]: appended token by token where interpolated, as
/// [`PrivateAt`] is.
#[derive(Clone, Copy)]
pub struct ResultVariant<'a> {
    private: &'a Private,
    alias: &'static str,
    variant: &'static str,
}

impl ToTokens for ResultVariant<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let span = Span::call_site();
        if self.private.alias {
            tokens.append(Ident::new(self.alias, span));
            return;
        }
        self.private.to_tokens(tokens);
        path_separator(tokens, span);
        tokens.append(Ident::new("Result", span));
        path_separator(tokens, span);
        tokens.append(Ident::new(self.variant, span));
    }
}

/// `::` at `span`, as `quote!` writes it.
pub fn path_separator(tokens: &mut TokenStream, span: Span) {
    let mut joint = Punct::new(':', Spacing::Joint);
    joint.set_span(span);
    let mut alone = Punct::new(':', Spacing::Alone);
    alone.set_span(span);
    tokens.append(joint);
    tokens.append(alone);
}

impl ToTokens for Private {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.spanned(Span::call_site()).to_tokens(tokens);
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
