//! `Extract` for the derived type itself, so that another derived type can use it as a field
//! (a shared outcome type such as an `ApiFailure` enum): the runtime implements `Extract` for
//! every type marked `Delegated`, and the derive marks it. Emitted whether or not the input has
//! errors: the user's other types keep compiling against it.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Generics, Ident};

use crate::private::Private;

pub fn extract_impl(private: &Private, ident: &Ident, generics: &Generics) -> TokenStream {
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::Delegated for #ident #ty_generics #where_clause {}
    }
}
