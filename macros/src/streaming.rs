//! Compile-time rules for a streaming field (`BodyReader`, `BodyStream`: a type whose
//! `Extract::__STREAMS` is true):
//!
//! - it reads the body alone: no other field of its variant may read the body (the live body
//!   goes to the stream, so a `String` next to it would see nothing);
//! - it is the variant's last field: fields are read in order, and a field after it that
//!   failed would drop the live body with the error, where a field before it that fails leaves
//!   the live body in the error's response.
//!
//! As in `no_body.rs`, the macro cannot know which types stream, the compiler can: a rule for
//! each body field, which `field_checks.rs` writes as a call of the runtime's `check_streaming`
//! (or `check_field`) that fails to evaluate when the field breaks it, spanned on its type.
//! The variant's last field, when it is a body field, needs none of its own: it can only break
//! the second rule, next to a streaming field that breaks the first, and the first of the other
//! body fields reports it on its own line. A variant whose only body field is its last field
//! needs none. Field types that mention the
//! derive's generic parameters are skipped (a free `const` cannot name them).

use crate::ast::{Field, Input};
use crate::field_checks::{FieldRule, Rule};
use crate::generics::GenericParams;

pub fn rules<'f, 'a>(input: &'f Input<'a>, params: &GenericParams) -> Vec<FieldRule<'f, 'a>> {
    let mut rules = Vec::new();
    for variant in input.variants() {
        let fields: Vec<&Field> = variant
            .fields
            .iter()
            .filter(|field| field.header.is_none() && !params.mentioned_in(field.ty))
            .collect();
        let last = variant.fields.last().map(|field| &field.member);
        // The variant's last field, when it is a body field: it gets no rule of its own (it can
        // only read the body next to a stream), the first other body field reports it.
        let last_body = fields
            .last()
            .copied()
            .filter(|field| Some(&field.member) == last);
        let checked = &fields[..fields.len() - usize::from(last_body.is_some())];
        if checked.is_empty() {
            // No body field, or one that is last: both rules hold whatever its type.
            continue;
        }
        let name = variant.name();
        let private = &input.private;
        for (index, field) in checked.iter().enumerate() {
            // The check that reports the last field has its bits apart (the runtime joins
            // them): not twice among the arguments.
            let reported_last = last_body.filter(|_| index == 0);
            let others = fields
                .iter()
                .filter(|other| !core::ptr::eq(**other, *field))
                .filter(|other| !reported_last.is_some_and(|last| core::ptr::eq(**other, last)))
                .map(|other| other.as_extract(private))
                .collect();
            let last_field =
                reported_last.map(|last| (last.as_extract(private), last.display_name()));
            let rule = Rule::Streaming { others, last_field };
            rules.push((*field, name.clone(), rule));
        }
    }
    rules
}
