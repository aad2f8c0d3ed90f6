//! Compile-time rejection of a body-reading field on a variant that only no-body statuses reach
//! (1xx, 204, 304).
//!
//! The macro cannot know whether a type reads the body, but the compiler can: each such field
//! gets a rule, which `field_checks.rs` writes as a `const` that fails to evaluate when
//! `<T as Extract>::READS_BODY` is true (a call of the runtime's `check_no_body`), with the
//! error spanned on the whole field type (the call starts at its first token and ends at its
//! last). Field types that mention the derive's generic parameters are skipped (a free
//! `const` cannot name them).

use crate::ast::{Input, Variant};
use crate::class::Class;
use crate::field_checks::{FieldRule, Rule};
use crate::generics::GenericParams;
use crate::matcher::{CatchAll, MatcherKind};
use crate::status;

pub fn rules<'f, 'a>(input: &'f Input<'a>, params: &GenericParams) -> Vec<FieldRule<'f, 'a>> {
    let mut rules = Vec::new();
    for variant in input.variants() {
        let Some(statuses) = no_body_statuses(variant) else {
            continue;
        };
        for field in &variant.fields {
            if field.header.is_some() || params.mentioned_in(field.ty) {
                continue;
            }
            let rule = Rule::NoBody {
                statuses: statuses.clone(),
            };
            rules.push((field, variant.name(), rule));
        }
    }
    rules
}

/// A description of the statuses that reach `variant` if they are all no-body statuses
/// (1xx, 204, 304); `None` if any of them can carry a body.
fn no_body_statuses(variant: &Variant) -> Option<String> {
    if variant.matchers.is_empty() {
        return None;
    }
    let informational = |code| Class::of(code) == Class::Informational;
    let mut described = Vec::new();
    for matcher in &variant.matchers {
        match matcher.kind {
            MatcherKind::Code(code) if informational(code) || matches!(code, 204 | 304) => {
                described.push(status::describe(code))
            }
            MatcherKind::Range(first, last) if informational(first) && informational(last) => {
                described.push(format!("{first}..={last}"))
            }
            MatcherKind::CatchAll(CatchAll::Informational) => described.push("1xx".to_owned()),
            _ => return None,
        }
    }
    Some(described.join(", "))
}
