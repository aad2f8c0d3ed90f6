//! Compile-time rules for a streaming field (`BodyReader`, `BodyStream`: a type whose
//! `Extract::__STREAMS` is true):
//!
//! - it reads the body alone: no other field of its variant may read the body (the live body
//!   goes to the stream, so a `String` next to it would see nothing);
//! - it is the variant's last field: fields are read in order, and a field after it that
//!   failed would drop the live body with the error, where a field before it that fails leaves
//!   the live body in the error's response.
//!
//! As in `no_body.rs`, the macro cannot know which types stream, the compiler can: one `const`
//! per body field, a call of the runtime's `check_streaming`, which fails to evaluate when the
//! field breaks a rule, spanned on its type.
//! A variant whose only body field is its last field needs none. Field types that mention the
//! derive's generic parameters are skipped (a free `const` cannot name them).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::ast::{Field, Input};
use crate::generics::GenericParams;

pub fn checks(input: &Input, params: &GenericParams) -> TokenStream {
    let mut checks = TokenStream::new();
    for variant in input.variants() {
        let fields: Vec<&Field> = variant
            .fields
            .iter()
            .filter(|field| field.header.is_none() && !params.mentioned_in(field.ty))
            .collect();
        let last = variant.fields.last().map(|field| &field.member);
        // No body field, or one that is last: both rules hold whatever its type.
        if fields.len() < 2 && fields.iter().all(|field| Some(&field.member) == last) {
            continue;
        }
        let name = variant.name();
        let private = &input.private;
        for field in &fields {
            let others = fields
                .iter()
                .filter(|other| !core::ptr::eq(**other, *field))
                .map(|other| {
                    let as_extract = other.as_extract(private);
                    quote!(#as_extract::__STREAMS)
                });
            let as_extract = field.as_extract(private);
            let (start, end) = field.ty_spans;
            let field_name = field.display_name();
            let buffered_next_to_stream = format!(
                "field `{field_name}` of `{name}` reads the body into memory, but another field of `{name}` streams it (`BodyReader`, `BodyStream`): a variant reads its body one way; remove `{field_name}`, or read it from the stream"
            );
            let stream_not_last = format!(
                "field `{field_name}` of `{name}` streams the body, so it must be the variant's last field: fields are read in order, and one after the stream that failed would drop the live body; move it to the end"
            );
            let last = Some(&field.member) == last;
            let spanned_private = private.spanned(start);
            // The call spans the field's type, first token to last: rustc reports the failed
            // check there.
            let arguments = quote_spanned!(end=> (
                #as_extract::READS_BODY,
                #as_extract::__STREAMS,
                #last,
                false #(|| #others)*,
                #stream_not_last,
                #buffered_next_to_stream,
            ));
            checks.extend(quote_spanned! {start=>
                const _: () = #spanned_private::check_streaming #arguments;
            });
        }
    }
    checks
}
