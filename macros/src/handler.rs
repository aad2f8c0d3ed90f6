//! Expansion of a handler struct (`#[handler(output = ...)]`): an `impl Handler` whose
//! per-class methods dispatch on the exact code to the user's methods.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;
use syn::spanned::Spanned;

use crate::ast::Input;
use crate::attr::HandlerConfig;
use crate::class::{self, Class};
use crate::dispatch::{self, Pattern, Route, class_routes};
use crate::matcher::MatcherKind;
use crate::{diagnostic, status};

pub fn expand(input: &Input, config: &HandlerConfig) -> TokenStream {
    let original = input.original;
    let ident = &original.ident;
    let private = &input.private;
    let output = &config.output;
    let asyncness = config.asyncness;
    let (impl_generics, ty_generics, where_clause) = original.generics.split_for_impl();
    let methods = Class::ALL
        .into_iter()
        .filter_map(|class| class_method(input, class, asyncness));
    let on_error = match &config.error {
        Some(method) => {
            let call = if asyncness {
                diagnostic::async_call_taking
            } else {
                diagnostic::call_taking
            };
            call(
                method,
                &format_ident!("__error"),
                &quote!(#private::Error),
                &format!(
                    "`{method}` is the handler's `error` method: it must take `response_handler::Error`, not `{{P}}`"
                ),
                "called with a `response_handler::Error`",
                method.span(),
            )
        }
        None => quote_spanned! {output.span()=>
            <#output as #private::FromResponseError>::from_response_error(__error)
        },
    };
    if asyncness {
        // `async fn` implements the trait's `-> impl Future + Send`: rustc checks that each
        // future is `Send`, at the method the user wrote.
        return quote! {
            #[automatically_derived]
            #[allow(unused_qualifications, clippy::all)]
            impl #impl_generics #private::AsyncHandler for #ident #ty_generics #where_clause {
                type Output = #output;

                #(#methods)*

                async fn on_error(&mut self, __error: #private::Error) -> Self::Output {
                    #on_error
                }
            }
        };
    }
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications, clippy::all)]
        impl #impl_generics #private::Handler for #ident #ty_generics #where_clause {
            type Output = #output;

            #(#methods)*

            fn on_error(&mut self, __error: #private::Error) -> Self::Output {
                #on_error
            }
        }
    }
}

/// `fn on_success(&mut self, __proof: Success) -> Output { match code { 201 => created(..) } }`:
/// each method is called through `diagnostic::call_taking`, so a method that takes the wrong
/// class proof is an error saying which statuses it handles and which proof it must take; a
/// wrong return type is a plain type mismatch on the method.
fn class_method(input: &Input, class: Class, asyncness: bool) -> Option<TokenStream> {
    let routes = class_routes(input.variants(), class);
    if routes.is_empty() {
        return None;
    }
    let private = &input.private;
    let proof_type = class.proof_type();
    let proof = quote!(#private::#proof_type);
    let argument = format_ident!("__proof");
    let mut arms: Vec<(Pattern, TokenStream)> = dispatch::arms(&routes)
        .into_iter()
        .filter_map(|(pattern, route)| {
            let call = route.matcher.call.as_ref()?; // a missing `call` is reported by valid.rs
            let message = format!(
                "`{call}` handles {}: it must take `response_handler::{proof_type}`, not `{{P}}`",
                handled_by(&routes, call),
            );
            let label = format!("called with a `{proof_type}`");
            let call_taking = if asyncness {
                diagnostic::async_call_taking
            } else {
                diagnostic::call_taking
            };
            let call = call_taking(call, &argument, &proof, &message, &label, call.span());
            Some((pattern, call))
        })
        .collect();
    if !routes.iter().any(|route| route.is_rest) {
        let unexpected = if asyncness {
            quote!(#private::AsyncHandler::on_error(self, #private::Error::unexpected_status::<Self>(__proof)).await)
        } else {
            quote!(#private::Handler::on_error(self, #private::Error::unexpected_status::<Self>(__proof)))
        };
        arms.push((Pattern::Rest, unexpected));
    }
    let dispatch = dispatch::status_match(quote!(__proof.status().as_u16()), arms);
    let method = class.method();
    if asyncness {
        return Some(quote! {
            #[allow(unreachable_patterns, clippy::match_overlapping_arm)]
            async fn #method(&mut self, __proof: #proof) -> Self::Output {
                #dispatch
            }
        });
    }
    // Overlapping arms are the precedence order, as in expand.rs.
    Some(quote! {
        #[inline]
        #[allow(unreachable_patterns, clippy::match_overlapping_arm)]
        fn #method(&mut self, __proof: #proof) -> Self::Output {
            #dispatch
        }
    })
}

/// What `method` handles in this class, for its error message: `304 Not Modified`,
/// `500..=503`, `every other 4xx`.
fn handled_by(routes: &[Route], method: &Ident) -> String {
    let described: Vec<String> = routes
        .iter()
        .filter(|route| route.matcher.call.as_ref() == Some(method))
        .map(|route| match route.matcher.kind {
            MatcherKind::Code(code) => status::describe(code),
            MatcherKind::Range(first, last) => format!("{first}..={last}"),
            MatcherKind::CatchAll(_) if route.is_rest => {
                let hundreds: Vec<String> = (class::hundred(route.first)
                    ..=class::hundred(route.last.min(599)))
                    .map(|hundred| format!("{hundred}xx"))
                    .collect();
                format!("every other {}", hundreds.join(" and "))
            }
            MatcherKind::CatchAll(_) => format!("every other {}xx", class::hundred(route.first)),
        })
        .collect();
    described.join(", ")
}
