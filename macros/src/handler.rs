//! Expansion of a handler struct (`#[handler(output = ...)]`): an `impl Handler` whose
//! per-class methods dispatch on the exact code to the user's methods.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::Input;
use crate::attr::HandlerConfig;
use crate::class::Class;
use crate::dispatch::{self, class_routes};
use crate::private;

pub fn expand(input: &Input, config: &HandlerConfig) -> TokenStream {
    let original = input.original;
    let ident = &original.ident;
    let output = &config.output;
    let (impl_generics, ty_generics, where_clause) = original.generics.split_for_impl();
    let methods = Class::ALL
        .into_iter()
        .filter_map(|class| class_method(input, class));
    let on_error = match &config.error {
        Some(method) => quote_spanned! {method.span()=>
            <_ as #private::ErrorMethod<Self, Self::Output>>::call(Self::#method, self, __error)
        },
        None => quote_spanned! {output.span()=>
            <#output as #private::FromResponseError>::from_response_error(__error)
        },
    };
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
/// each method is called through the runtime's class check trait, so a method that takes the
/// wrong class proof is an error naming the class it must take.
fn class_method(input: &Input, class: Class) -> Option<TokenStream> {
    let routes = class_routes(input.variants(), class);
    if routes.is_empty() {
        return None;
    }
    let check = class.method_check();
    let mut arms: Vec<TokenStream> = dispatch::arms(&routes)
        .into_iter()
        .filter_map(|(pattern, route)| {
            let call = route.matcher.call.as_ref()?; // a missing `call` is reported by valid.rs
            Some(quote_spanned! {call.span()=>
                #pattern => <_ as #private::#check<Self, Self::Output>>::call(Self::#call, self, __proof),
            })
        })
        .collect();
    if !routes.iter().any(|route| route.is_rest) {
        arms.push(quote! {
            _ => #private::Handler::on_error(self, #private::Error::unexpected_status::<Self>(__proof)),
        });
    }
    let method = class.method();
    let proof_type = class.proof_type();
    Some(quote! {
        #[inline]
        #[allow(unreachable_patterns)]
        fn #method(&mut self, __proof: #private::#proof_type) -> Self::Output {
            match __proof.status().as_u16() {
                #(#arms)*
            }
        }
    })
}
