//! `impl NextPage` from the `#[next_page]` fields (`next_page.rs` reads them), or from the
//! `Link` fields of a type without any; its cross-field rule (`check`) and its stub for a
//! derive that failed (`stub`).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::LitStr;
use syn::spanned::Spanned;

use crate::ast::{Field, Input, Shape, Variant};
use crate::ctxt::Ctxt;
use crate::generics::GenericParams;
use crate::next_page::{is_link, is_next_page};

/// One marker per variant: a page has one next page; no marker on a type that implements
/// `NextPage` by hand.
pub fn check(cx: &Ctxt, input: &Input) {
    if let Some(manual) = &input.manual_next_page {
        for marker in input
            .variants()
            .iter()
            .flat_map(|variant| &variant.fields)
            .filter_map(|field| field.next_page.as_ref())
        {
            cx.twice(
                manual,
                &marker.tokens,
                "`#[next_page]` on a type marked `manual_next_page`: the marker derives `NextPage`, which the type implements by hand; remove one of the two",
                "`manual_next_page` is here",
            );
        }
    }
    for variant in input.variants() {
        let mut marked = variant
            .fields
            .iter()
            .filter_map(|field| field.next_page.as_ref());
        let Some(first) = marked.next() else {
            continue;
        };
        for again in marked {
            cx.twice(
                &first.tokens,
                &again.tokens,
                "a second `#[next_page]` in one variant: a page has one next page; keep one",
                "the first `#[next_page]` of this variant is here",
            );
        }
    }
}

/// Each variant's field that names the next page, and what it is; none for a type that
/// implements `NextPage` by hand.
fn sources<'v, 'a>(input: &'v Input<'a>) -> Vec<(&'v Variant<'a>, &'v Field<'a>, Option<LitStr>)> {
    if input.manual_next_page.is_some() {
        return Vec::new();
    }
    let marked = input
        .variants()
        .iter()
        .any(|variant| variant.fields.iter().any(|field| field.next_page.is_some()));
    input
        .variants()
        .iter()
        .filter_map(|variant| {
            let field = variant.fields.iter().find(|field| {
                if marked {
                    field.next_page.is_some()
                } else {
                    is_link(field.ty)
                }
            })?;
            let query = field.next_page.as_ref().and_then(|attr| attr.query.clone());
            Some((variant, field, query))
        })
        .collect()
}

/// `impl NextPage`, or nothing when no field names the next page.
pub fn expand(input: &Input) -> Option<TokenStream> {
    let sources = sources(input);
    if sources.is_empty() {
        return None;
    }
    let original = input.original;
    let ident = &original.ident;
    let private = &input.private;
    // A source field whose type uses a type parameter gets its bound: `N: PageCursor`.
    let params = GenericParams::of(&original.generics);
    let mut generics = original.generics.clone();
    for (_, field, query) in &sources {
        let ty = field.ty;
        if params.type_param_in(ty) {
            let bound = match query {
                Some(_) => quote!(#private::PageCursor),
                None => quote!(#private::LinkField),
            };
            generics
                .make_where_clause()
                .predicates
                .push(syn::parse_quote!(#ty: #bound));
        }
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let arms = sources.iter().map(|(variant, field, query)| {
        let path = match input.shape {
            Shape::Enum(_) => {
                let ident = variant.ident;
                quote!(Self::#ident)
            }
            Shape::Struct(_) => quote!(Self),
        };
        let member = &field.member;
        // Spanned at the field's type: a type that is no `Link` or no cursor is reported there.
        let span = field.ty.span();
        let private_at = private.spanned(span);
        let next = match query {
            Some(name) => quote_spanned!(span=> #private_at::next_from_cursor(#name, __next)),
            None => quote_spanned!(span=> #private_at::next_from_link(__next)),
        };
        quote!(#path { #member: __next, .. } => #next,)
    });
    let rest = match (&input.shape, sources.len() == input.variants().len()) {
        (Shape::Enum(_), false) => quote!(_ => #private::Option::None,),
        _ => TokenStream::new(),
    };
    Some(quote! {
        #[automatically_derived]
        #[allow(unused_qualifications, unreachable_patterns, clippy::all)]
        impl #impl_generics #private::NextPage for #ident #ty_generics #where_clause {
            fn next_page(
                &self,
                _: &#private::RequestContext,
            ) -> #private::Option<#private::Next> {
                match self {
                    #(#arms)*
                    #rest
                }
            }
        }
    })
}

/// For a type whose derive failed with a `#[next_page]` or a `Link` field, a `NextPage` impl,
/// so that a paginated call on it adds no "not `NextPage`" error to the derive's own.
pub fn stub(private: &TokenStream, input: &syn::DeriveInput) -> Option<TokenStream> {
    let fields: Vec<&syn::Field> = match &input.data {
        syn::Data::Enum(data) => data.variants.iter().flat_map(|v| v.fields.iter()).collect(),
        syn::Data::Struct(data) => data.fields.iter().collect(),
        syn::Data::Union(_) => Vec::new(),
    };
    let any = fields
        .iter()
        .any(|field| field.attrs.iter().any(is_next_page) || is_link(&field.ty));
    if !any || says_manual(&input.attrs) {
        return None;
    }
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Some(quote! {
        #[automatically_derived]
        impl #impl_generics #private::NextPage for #ident #ty_generics #where_clause {
            fn next_page(&self, _: &#private::RequestContext) -> #private::Option<#private::Next> {
                ::core::unreachable!("a type whose derive failed is never built")
            }
        }
    })
}

/// Whether a `#[response_handler(...)]` of the type names `manual_next_page`, read from its
/// tokens (for the stub: the attribute itself may be what failed).
fn says_manual(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .filter(|attr| *attr.path() == crate::symbol::RESPONSE_HANDLER)
        .filter_map(|attr| attr.meta.require_list().ok())
        .flat_map(|list| list.tokens.clone())
        .any(|token| {
            matches!(token, proc_macro2::TokenTree::Ident(ident) if ident == crate::symbol::MANUAL_NEXT_PAGE)
        })
}
