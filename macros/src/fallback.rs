//! What the derive emits when the input has errors: the errors, plus an empty impl so that the
//! user's other uses of the type do not add "trait not implemented" errors on top.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn expand(input: &DeriveInput, errors: &syn::Error) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let errors = errors.to_compile_error();
    // A handler gets no stub `Handler` impl: its methods are the user's, and the errors already
    // name what to fix.
    let extract = crate::expand::extract_impl(ident, &input.generics);
    quote! {
        #errors
        #[automatically_derived]
        impl #impl_generics ::response_handler::__private::ResponseHandler for #ident #ty_generics #where_clause {}
        #extract
    }
}
