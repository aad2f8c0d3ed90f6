//! What the derive emits when the input has errors: the errors, plus empty impls so that the
//! user's other uses of the type do not add "trait not implemented" errors on top.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::DeriveInput;

use crate::attr::{Container, HandlerConfig};
use crate::ctxt::Ctxt;
use crate::extract::extract_impl;
use crate::private::Private;
use crate::symbol;

pub fn expand(input: &DeriveInput, errors: &syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    // The container attributes are read again, for the runtime's path and the handler's
    // output; the errors of this second reading were already reported, and are dropped.
    let cx = Ctxt::new();
    let container = Container::from_ast(&cx, input);
    let _already_reported = cx.check();
    // A `crate = ...` that could not be read leaves no path known to be right: stubs through a
    // guessed one would add "unresolved path" errors to the one that matters.
    let Some(private) = &container.private else {
        return errors;
    };
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let extract = extract_impl(private, ident, &input.generics);
    let handler = container
        .handler
        .map(|config| stub_handler(private, input, config));
    let retryable = stub_retryable(private, input);
    let next_page = crate::pages::stub(&private.to_token_stream(), input);
    quote! {
        #errors
        #[automatically_derived]
        impl #impl_generics #private::ResponseHandler for #ident #ty_generics #where_clause {}
        #extract
        #handler
        #retryable
        #next_page
    }
}

/// For a type with `#[retry]` anywhere, a `Retryable` impl, so that code handing it to a retry
/// policy adds no "not `Retryable`" error to the derive's own.
fn stub_retryable(private: &Private, input: &DeriveInput) -> Option<TokenStream> {
    let has_retry =
        |attrs: &[syn::Attribute]| attrs.iter().any(|attr| *attr.path() == symbol::RETRY);
    let anywhere = has_retry(&input.attrs)
        || match &input.data {
            syn::Data::Enum(data) => data
                .variants
                .iter()
                .any(|variant| has_retry(&variant.attrs)),
            _ => false,
        };
    if !anywhere {
        return None;
    }
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Some(quote! {
        #[automatically_derived]
        impl #impl_generics #private::Retryable for #ident #ty_generics #where_clause {
            fn retry_hint(&self) -> #private::RetryHint {
                ::core::unreachable!("a type whose derive failed is never built")
            }
            fn outcome_name(&self) -> &'static str {
                ::core::unreachable!("a type whose derive failed is never built")
            }
        }
    })
}

/// For a handler struct, a `Handler` (or `AsyncHandler`) impl whose `Output` is the declared one (or `()` when
/// none could be read), so that `.handle()` and the clients' `handle_with` add no "no method"
/// error to the derive's own.
fn stub_handler(private: &Private, input: &DeriveInput, config: HandlerConfig) -> TokenStream {
    let output = match config.output {
        syn::Type::Infer(_) => quote!(()),
        output => quote!(#output),
    };
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    if config.asyncness {
        return quote! {
            #[automatically_derived]
            impl #impl_generics #private::AsyncHandler for #ident #ty_generics #where_clause {
                type Output = #output;
                async fn on_error(&mut self, _: #private::Error) -> Self::Output {
                    ::core::unreachable!("a handler whose derive failed never runs")
                }
            }
        };
    }
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::Handler for #ident #ty_generics #where_clause {
            type Output = #output;
            fn on_error(&mut self, _: #private::Error) -> Self::Output {
                ::core::unreachable!("a handler whose derive failed never runs")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    /// The fallback reads the container attributes a second time, with a `Ctxt` of its own
    /// that it must check (its drop guard panics otherwise), and still emits the stub.
    #[test]
    fn a_failed_handler_gets_its_stub_impl() {
        let input: syn::DeriveInput = parse_quote! {
            #[handler(output = u8, unknown = 1)]
            struct Client;
        };
        let expanded = crate::expand::derive(&input).to_string();
        assert!(expanded.contains("compile_error"), "{expanded}");
        assert!(expanded.contains("Handler for Client"), "{expanded}");
    }
}
