//! Bounds only where a field uses a generic parameter (thiserror's `generics.rs`).

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::{GenericParam, Generics, Type, parse_quote};

use crate::ast::Variant;
use crate::private::Private;
use crate::ty::option_inner;

/// The names of the derive's generic parameters.
pub struct GenericParams {
    /// Type and const parameters.
    types: Vec<String>,
    lifetimes: Vec<String>,
}

impl GenericParams {
    pub fn of(generics: &Generics) -> Self {
        let mut types = Vec::new();
        let mut lifetimes = Vec::new();
        for param in &generics.params {
            match param {
                GenericParam::Type(param) => types.push(param.ident.to_string()),
                GenericParam::Const(param) => types.push(param.ident.to_string()),
                GenericParam::Lifetime(param) => lifetimes.push(param.lifetime.ident.to_string()),
            }
        }
        GenericParams { types, lifetimes }
    }

    /// Does `ty` name a type or const parameter?
    pub fn type_param_in(&self, ty: &Type) -> bool {
        // Without parameters there is nothing to find: the type's tokens are not walked.
        !self.types.is_empty() && self.scan(ty.to_token_stream(), false)
    }

    /// Does `ty` name any generic parameter, lifetimes included?
    pub fn mentioned_in(&self, ty: &Type) -> bool {
        !(self.types.is_empty() && self.lifetimes.is_empty())
            && self.scan(ty.to_token_stream(), true)
    }

    fn scan(&self, tokens: TokenStream, lifetimes: bool) -> bool {
        let mut after_quote = false;
        for token in tokens {
            let hit = match &token {
                TokenTree::Ident(ident) if after_quote => {
                    lifetimes && self.lifetimes.iter().any(|name| ident == name)
                }
                TokenTree::Ident(ident) => self.types.iter().any(|name| ident == name),
                TokenTree::Group(group) => self.scan(group.stream(), lifetimes),
                TokenTree::Punct(_) | TokenTree::Literal(_) => false,
            };
            if hit {
                return true;
            }
            after_quote = matches!(&token, TokenTree::Punct(punct) if punct.as_char() == '\'');
        }
        false
    }
}

/// `generics` plus, for each field whose type uses a type parameter, the bound its extraction
/// needs: `T: Extract`, or `FromStr` (with a `Display` error) for a `#[header]` field.
pub fn with_field_bounds(
    private: &Private,
    generics: &Generics,
    params: &GenericParams,
    variants: &[Variant],
) -> Generics {
    let mut generics = generics.clone();
    let fields = variants.iter().flat_map(|variant| &variant.fields);
    for field in fields.filter(|field| params.type_param_in(field.ty)) {
        let where_clause = generics.make_where_clause();
        match &field.header {
            None => {
                let ty = field.ty;
                where_clause
                    .predicates
                    .push(parse_quote!(#ty: #private::Extract));
            }
            Some(_) => {
                let ty = option_inner(field.ty).unwrap_or(field.ty);
                where_clause
                    .predicates
                    .push(parse_quote!(#ty: ::core::str::FromStr));
                where_clause
                    .predicates
                    .push(parse_quote!(<#ty as ::core::str::FromStr>::Err: ::core::fmt::Display));
            }
        }
    }
    generics
}
