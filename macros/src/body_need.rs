//! Expand: `ResponseHandler::body_need`, what the variant each status selects needs of the body
//! (nothing, all of it in memory, or the live body), which the client integrations ask for
//! once the head has arrived and before they read the body.
//!
//! The same routes as the per-class methods (`dispatch.rs`), so the need is that of the
//! variant the dispatch then builds. A variant's need is the largest of its fields' (a header
//! field reads none); a status no variant takes is an error that keeps the body, so it is
//! read.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt, quote};

use crate::ast::{Field, Variant};
use crate::dispatch::{self, Answer};
use crate::private::Private;
use crate::ty;

pub fn method(private: &Private, variants: &[Variant]) -> TokenStream {
    let buffered = Answer {
        tokens: quote!(#private::BodyNeed::Buffered),
        key: "buffered".to_owned(),
    };
    let need = dispatch::by_status(
        variants,
        |_| true,
        |variant| variant_need(private, variant),
        &buffered,
    );
    quote! {
        #[inline]
        fn body_need(__status: #private::StatusCode) -> #private::BodyNeed {
            #need
        }
    }
}

/// `<F as Extract>::__body_need(__status).and(...)` over the fields that do not read a header;
/// `BodyNeed::Unread` (the least need, what `and` starts from) when there are none.
/// Its key: the body fields' types, as written.
fn variant_need(private: &Private, variant: &Variant) -> Answer {
    let body_fields: Vec<&Field> = variant
        .fields
        .iter()
        .filter(|field| field.header.is_none())
        .collect();
    let key = body_fields
        .iter()
        .map(|field| ty::type_key(field.ty))
        .collect::<Vec<_>>()
        .join(";");
    let mut tokens = TokenStream::new();
    match body_fields.split_first() {
        None => tokens = quote!(#private::BodyNeed::Unread),
        Some((first, rest)) => {
            field_need(&mut tokens, private, first);
            for field in rest {
                let mut need = TokenStream::new();
                field_need(&mut need, private, field);
                tokens.append(Punct::new('.', Spacing::Alone));
                tokens.append(Ident::new("and", Span::call_site()));
                tokens.append(Group::new(Delimiter::Parenthesis, need));
            }
        }
    }
    Answer {
        tokens,
        key: format!("fields:{key}"),
    }
}

/// `<F as Extract>::__body_need(__status)`, spanned on the field's type, appended to `tokens`
/// (the needs of a variant's fields go into one stream, not one each).
fn field_need(tokens: &mut TokenStream, private: &Private, field: &Field) {
    field
        .as_extract(private)
        .call("__body_need", "__status")
        .to_tokens(tokens);
}
