//! What the derive emits when the input has errors: the errors, plus an empty impl so that the
//! user's other uses of the type do not add "trait not implemented" errors on top.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::extract::extract_impl;
use crate::private;

pub fn expand(input: &DeriveInput, errors: &syn::Error) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let errors = errors.to_compile_error();
    // A handler gets no stub `Handler` impl: its methods are the user's, and the errors already
    // name what to fix.
    let extract = extract_impl(ident, &input.generics);
    quote! {
        #errors
        #[automatically_derived]
        impl #impl_generics #private::ResponseHandler for #ident #ty_generics #where_clause {}
        #extract
    }
}
