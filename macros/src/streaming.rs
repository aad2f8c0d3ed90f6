//! Compile-time rules for a streaming field (`BodyReader`, `BodyStream`: a type whose
//! `Extract::__STREAMS` is true):
//!
//! - it reads the body alone: no other field of its variant may read the body (the live body
//!   goes to the stream, so a `String` next to it would see nothing);
//! - it is the variant's last field: fields are read in order, and a field after it that
//!   failed would drop the live body with the error, where a field before it that fails leaves
//!   the live body in the error's response.
//!
//! As in `no_body.rs`, the macro cannot know which types stream, the compiler can: each rule is
//! a `const` that fails to evaluate, spanned on the offending field's type. Field types that
//! mention the derive's generic parameters are skipped (a free `const` cannot name them).

use proc_macro2::TokenStream;
use quote::quote_spanned;

use crate::ast::{Field, Input};
use crate::generics::GenericParams;
use crate::ty;

pub fn checks(input: &Input, params: &GenericParams) -> TokenStream {
    let mut checks = TokenStream::new();
    for variant in input.variants() {
        let name = variant.name();
        let last = variant.fields.len().saturating_sub(1);
        let fields: Vec<(usize, &Field)> = variant
            .fields
            .iter()
            .enumerate()
            .filter(|(_, field)| field.header.is_none() && !params.mentioned_in(field.ty))
            .collect();
        for &(index, field) in &fields {
            if index == last {
                continue;
            }
            let message = format!(
                "field `{}` of `{name}` streams the body, so it must be the variant's last field: fields are read in order, and one after the stream that failed would drop the live body; move it to the end",
                field.display_name()
            );
            let streams = ty::as_extract(field.ty);
            let (start, _) = ty::first_and_last_span(field.ty);
            checks.extend(fails_if(
                field,
                quote_spanned!(start=> #streams::__STREAMS),
                &message,
            ));
        }
        for &(_, stream) in &fields {
            for &(_, other) in &fields {
                if core::ptr::eq(stream, other) {
                    continue;
                }
                let message = format!(
                    "field `{}` of `{name}` reads the body into memory, but field `{}` streams it: a variant reads its body one way; remove `{}`, or read it from the stream",
                    other.display_name(),
                    stream.display_name(),
                    other.display_name(),
                );
                let streams = ty::as_extract(stream.ty);
                let reads = ty::as_extract(other.ty);
                let (start, _) = ty::first_and_last_span(other.ty);
                let condition = quote_spanned!(start=>
                    #streams::__STREAMS && #reads::READS_BODY && !#reads::__STREAMS
                );
                checks.extend(fails_if(other, condition, &message));
            }
        }
    }
    checks
}

/// `const _: () = if condition { panic!(message) };`, spanned from the first to the last token
/// of `field`'s type.
fn fails_if(field: &Field, condition: TokenStream, message: &str) -> TokenStream {
    let (start, end) = ty::first_and_last_span(field.ty);
    let arguments = quote_spanned!(end=> (#message));
    quote_spanned! {start=>
        const _: () = {
            if #condition {
                ::core::panic! #arguments;
            }
        };
    }
}
