//! `Extract` for the derived type itself, so that another derived type can use it as a field
//! (a shared outcome type such as an `ApiFailure` enum). Emitted whether or not the input has
//! errors: the user's other types keep compiling against it.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Generics, Ident};

use crate::private::Private;

pub fn extract_impl(private: &Private, ident: &Ident, generics: &Generics) -> TokenStream {
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        #[allow(unused_qualifications, clippy::all)]
        impl #impl_generics #private::Extract for #ident #ty_generics #where_clause {
            const READS_BODY: bool = true;
            const __TAKES_RESPONSE: bool = true;
            const __CLAIMS: &'static [(u16, u16)] = <Self as #private::ResponseHandler>::__CLAIMS;
            const __STREAMS_BLOCKING: bool = <Self as #private::ResponseHandler>::__STREAMS_BLOCKING;
            const __STREAMS_ASYNC: bool = <Self as #private::ResponseHandler>::__STREAMS_ASYNC;

            #[inline]
            fn __body_need(__status: #private::StatusCode) -> #private::BodyNeed {
                <Self as #private::ResponseHandler>::body_need(__status)
            }

            #[inline]
            fn extract(
                __response: &#private::BufferedResponse,
            ) -> #private::Result<Self, #private::ExtractError> {
                #private::delegate::<Self>(__response)
            }

            #[inline]
            fn __extract_owned(
                __response: #private::BufferedResponse,
            ) -> #private::Result<Self, (#private::ExtractError, #private::BufferedResponse)> {
                #private::delegate_owned::<Self>(__response)
            }
        }
    }
}
