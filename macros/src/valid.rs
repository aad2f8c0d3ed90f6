//! Rules that span several attributes or variants. Each `check_*` reports every violation it
//! finds; none stops the others.

use crate::ast::{Input, Shape, Variant};
use crate::class;
use crate::ctxt::Ctxt;
use crate::matcher::{CatchAll, Matcher, MatcherKind};
use crate::status;

pub fn check(cx: &Ctxt, input: &Input) {
    check_enum_has_variants(cx, input);
    check_every_variant_handles_something(cx, input);
    check_ranges(cx, input);
    check_duplicate_codes(cx, input);
    check_overlapping_ranges(cx, input);
    check_duplicate_catch_alls(cx, input);
    check_handler_calls(cx, input);
    check_retry(cx, input);
    crate::pages::check(cx, input);
}

fn owner(variant: &Variant) -> String {
    match &variant.variant_name {
        Some(name) => format!("variant `{name}`"),
        None => format!("`{}`", variant.ident),
    }
}

fn check_enum_has_variants(cx: &Ctxt, input: &Input) {
    if let Shape::Enum(variants) = &input.shape
        && variants.is_empty()
    {
        cx.error_spanned_by(
            &input.original.ident,
            "`ResponseHandler` cannot be derived for an empty enum: a response would have no value to become; add a variant such as `#[on_success] Done`",
        );
    }
}

fn check_every_variant_handles_something(cx: &Ctxt, input: &Input) {
    for variant in input.variants() {
        if !variant.has_status_attr && input.handler.is_some() {
            cx.error_spanned_by(
                variant.ident,
                format_args!(
                    "handler `{}` handles no status: add `#[on(CODE, call = method)]`, or a catch-all such as `#[on_success(call = method)]`",
                    variant.ident
                ),
            );
        } else if !variant.has_status_attr {
            cx.error_spanned_by(
                variant.ident,
                format_args!(
                    "{} handles no status: add `#[on(CODE)]`, a class catch-all such as `#[on_success]` or `#[on_failure]`, or `#[fallback]`",
                    owner(variant)
                ),
            );
        }
    }
}

fn check_ranges(cx: &Ctxt, input: &Input) {
    for (_, matcher) in input.matchers() {
        let MatcherKind::Range(first, last) = matcher.kind else {
            continue;
        };
        if first > last {
            cx.error_spanned_by(
                &matcher.tokens,
                format_args!("the range `{first}..={last}` is empty: write the lower code first, as in `{last}..={first}`"),
            );
        } else if class::hundred(first) != class::hundred(last) {
            cx.error_spanned_by(
                &matcher.tokens,
                format_args!(
                    "the range `{first}..={last}` crosses status classes: a range stays within one class (e.g. `{first}..={}`); use one `#[on(...)]` range per class",
                    class::hundred_codes(class::hundred(first)).end()
                ),
            );
        }
    }
}

fn check_duplicate_codes(cx: &Ctxt, input: &Input) {
    let mut seen: Vec<(u16, &Variant, &Matcher)> = Vec::new();
    for (variant, matcher) in input.matchers() {
        let MatcherKind::Code(code) = matcher.kind else {
            continue;
        };
        match seen.iter().find(|(known, _, _)| *known == code) {
            Some(&(_, first_variant, first)) => {
                let message = if core::ptr::eq(first_variant, variant) {
                    format!(
                        "status {} is listed twice for {}: remove this one",
                        status::describe(code),
                        owner(variant)
                    )
                } else {
                    format!(
                        "status {} is handled twice: {} already handles it; each code goes to one variant",
                        status::describe(code),
                        owner(first_variant)
                    )
                };
                let note = format!("status {} is first handled here", status::describe(code));
                cx.twice(&first.tokens, &matcher.tokens, message, note);
            }
            None => seen.push((code, variant, matcher)),
        }
    }
}

fn check_overlapping_ranges(cx: &Ctxt, input: &Input) {
    let mut seen: Vec<(u16, u16, &Variant, &Matcher)> = Vec::new();
    for (variant, matcher) in input.matchers() {
        let MatcherKind::Range(first, last) = matcher.kind else {
            continue;
        };
        if first > last {
            continue; // reported by check_ranges
        }
        let overlap = seen.iter().find(|(a, b, _, _)| first <= *b && *a <= last);
        match overlap {
            Some(&(a, b, first_variant, first_matcher)) => cx.twice(
                &first_matcher.tokens,
                &matcher.tokens,
                format!(
                    "the range `{first}..={last}` overlaps `{a}..={b}` of {}: which one handles {}..={} is ambiguous; make the ranges disjoint (an exact code inside a range is fine: the exact code wins)",
                    owner(first_variant),
                    first.max(a),
                    last.min(b)
                ),
                format!("`{a}..={b}` is declared here"),
            ),
            None => seen.push((first, last, variant, matcher)),
        }
    }
}

fn check_duplicate_catch_alls(cx: &Ctxt, input: &Input) {
    let mut seen: Vec<(CatchAll, &Variant, &Matcher)> = Vec::new();
    for (variant, matcher) in input.matchers() {
        let MatcherKind::CatchAll(kind) = matcher.kind else {
            continue;
        };
        match seen.iter().find(|(known, _, _)| *known == kind) {
            Some(&(_, first_variant, first)) => cx.twice(
                &first.tokens,
                &matcher.tokens,
                format!(
                    "`#[{}]` is declared twice: {} already has it; one variant catches what the others leave",
                    kind.symbol(),
                    owner(first_variant)
                ),
                format!("the first `#[{}]` is here", kind.symbol()),
            ),
            None => seen.push((kind, variant, matcher)),
        }
    }
}

/// In a handler, every status attribute names its method; outside one, none does.
fn check_handler_calls(cx: &Ctxt, input: &Input) {
    for (variant, matcher) in input.matchers() {
        match (&input.handler, &matcher.call) {
            (Some(_), None) => cx.error_spanned_by(
                &matcher.tokens,
                "in a handler, each status attribute names the method to call: `#[on(201, call = created)]`, `#[on_success(call = ok)]`",
            ),
            (None, Some(call)) => cx.error_spanned_by(
                call,
                format_args!(
                    "`call = {call}` names a handler method, but {} is not a handler: add `#[handler(output = ...)]` to a struct, or remove `call`",
                    owner(variant)
                ),
            ),
            _ => {}
        }
    }
}

/// `#[retry]` marks failures only: a success is final, an interim or redirect response is not
/// the answer to repeat, and `#[fallback]` reaches every class.
fn check_retry(cx: &Ctxt, input: &Input) {
    for variant in input.variants() {
        let Some(retry) = &variant.retry else {
            continue;
        };
        if input.handler.is_some() {
            cx.error_spanned_by(
                &retry.path,
                "`#[retry]` goes on an outcome type's failure variant, not on a handler: a handler decides in its methods what to do about a response",
            );
            continue;
        }
        let mut reasons: Vec<&str> = Vec::new();
        for matcher in &variant.matchers {
            let reason = match matcher.kind {
                MatcherKind::Code(first) | MatcherKind::Range(first, _) => {
                    match class::hundred(first) {
                        1 => Some(INTERIM),
                        2 => Some(SUCCESS),
                        3 => Some(REDIRECT),
                        _ => None,
                    }
                }
                MatcherKind::CatchAll(CatchAll::Informational) => Some(INTERIM),
                MatcherKind::CatchAll(CatchAll::Success) => Some(SUCCESS),
                MatcherKind::CatchAll(CatchAll::Redirection) => Some(REDIRECT),
                MatcherKind::CatchAll(CatchAll::Fallback) => Some(FALLBACK),
                MatcherKind::CatchAll(
                    CatchAll::ClientError | CatchAll::ServerError | CatchAll::Failure,
                ) => None,
            };
            if let Some(reason) = reason
                && !reasons.contains(&reason)
            {
                reasons.push(reason);
            }
        }
        if let Some(when_asked) = &retry.when_asked
            && variant.fields.is_empty()
        {
            // With fields, none of which can carry a wait, the generated `Retryable` impl
            // fails to compile with the same advice (`__private::require_wait`): field types
            // are only known there.
            cx.error_spanned_by(
                when_asked,
                format_args!(
                    "`#[retry(when_asked)]` on {} without fields: it could never be retried, since the wait the server asks for is read from a field; {NO_WAIT_FIELD}",
                    owner(variant),
                ),
            );
        }
        if !reasons.is_empty() {
            cx.error_spanned_by(
                &retry.path,
                format_args!(
                    "`#[retry]` goes on a variant that only failures (4xx, 5xx) reach, but {} {}",
                    owner(variant),
                    reasons.join("; it ")
                ),
            );
        }
    }
}

/// The advice for a `#[retry(when_asked)]` variant without a field that can carry a wait (also
/// in the runtime's `require_wait`).
const NO_WAIT_FIELD: &str = "add a field of type `RetryAfter`, `RetryInfo` or `RateLimit` (or an `Option` of one), or write `#[retry]` to retry after the retry policy's backoff";

const SUCCESS: &str = "handles a 2xx: a success is final, not retried; to poll a 202 Accepted, request its `Location` in a loop until the resource is there (see the `created` example)";
const INTERIM: &str =
    "handles a 1xx: an interim response comes before the final one and is never repeated";
const REDIRECT: &str = "handles a 3xx: a redirect is followed (its `Location`), not repeated";
const FALLBACK: &str = "is `#[fallback]`, which reaches every class, successes included: mark a variant that handles only failures (`#[on(429, 503)]`, `#[on_server_error]`, `#[on_failure]`)";
