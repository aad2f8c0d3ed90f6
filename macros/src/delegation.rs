//! Shared outcome types: a field whose type is itself a derived `ResponseHandler` (e.g.
//! `#[on_failure] Failed(ApiFailure)`) handles the response with its own rules.
//!
//! The rule: the outer type decides first. A code reaches the inner type only if the outer
//! type routes it to the delegating variant. A code the inner type claims (by an exact code or a
//! range) that the outer type sends to *another* variant is ambiguous — the inner arm could never
//! run through this variant — and is a compile error, like two variants claiming one code:
//! - the outer code is exact: an inner exact code is a conflict; an inner range containing it is
//!   fine (the exact code wins, as within one type);
//! - the outer code comes from a range or a catch-all: any inner claim on it is a conflict.
//!
//! The macro cannot see another type's attributes, nor tell a derived type from a plain
//! extractor by its name (a `use ... as ...` renames either), but the compiler can: every
//! derived type exposes its claims as `ResponseHandler::__CLAIMS`, and through `Extract` every
//! field type does, empty for plain extractors. Each field of a variant that others shadow gets
//! a rule, which `field_checks.rs` writes as a `const` that fails to evaluate when its type
//! claims a shadowed code, with the error on the field's type (a call of the runtime's
//! `check_shadowed`, which lists every conflict of the field); for a plain extractor it
//! evaluates to nothing.

use quote::ToTokens;

use crate::ast::{Field, Input, Variant};
use crate::class::{self, Class};
use crate::dispatch::{Route, class_routes, covered};
use crate::field_checks::{FieldRule, Rule};
use crate::generics::GenericParams;
use crate::matcher::MatcherKind;

/// Codes of `variant`'s matchers that the outer type sends to another variant first.
struct Shadowed {
    first: u16,
    last: u16,
    taker: String,
    /// The taker claims these codes exactly (then only inner exact codes conflict).
    exact: bool,
}

pub fn rules<'f, 'a>(input: &'f Input<'a>, params: &GenericParams) -> Vec<FieldRule<'f, 'a>> {
    let variants = input.variants();
    let routes: Vec<(Class, Vec<Route>)> = Class::ALL
        .into_iter()
        .map(|class| (class, class_routes(variants, class)))
        .collect();
    let mut rules = Vec::new();
    for variant in variants {
        let fields: Vec<_> = variant
            .fields
            .iter()
            .filter(|field| field.header.is_none() && !params.mentioned_in(field.ty))
            .collect();
        if fields.is_empty() {
            continue;
        }
        let shadowed = shadowed(variant, &routes);
        if shadowed.is_empty() {
            continue;
        }
        for field in fields {
            let rule = Rule::Shadowed {
                table: table(&shadowed),
                ty: type_as_written(field),
            };
            rules.push((field, variant.name(), rule));
        }
    }
    rules
}

fn shadowed(variant: &Variant, routes: &[(Class, Vec<Route>)]) -> Vec<Shadowed> {
    let mut intervals: Vec<Shadowed> = Vec::new();
    // Only the codes the variant's matchers reach (the proc macro runs unoptimized in a dev
    // build: a scan of every receivable code per variant showed in the build time).
    let mut reached: Vec<(u16, u16)> = variant
        .matchers
        .iter()
        .map(|matcher| {
            let codes = covered(matcher);
            (*codes.start(), *codes.end())
        })
        .collect();
    reached.sort_unstable();
    // Chunk by chunk, each a run of codes that one route (or none) takes: a code at a time
    // showed in the build time (the proc macro runs unoptimized in a dev build).
    let mut next = *class::RECEIVABLE.start();
    for (first, last) in reached {
        let mut code = first.max(next);
        next = next.max(last.saturating_add(1));
        while code <= last {
            let (end, route) = chunk(routes, code, last);
            if let Some(route) = route
                && !core::ptr::eq(route.variant, variant)
            {
                let exact = matches!(route.matcher.kind, MatcherKind::Code(_));
                match intervals.last_mut() {
                    Some(previous)
                        if previous.last + 1 == code
                            && previous.exact == exact
                            && previous.taker == route.variant.name() =>
                    {
                        previous.last = end;
                    }
                    _ => intervals.push(Shadowed {
                        first: code,
                        last: end,
                        taker: route.variant.name(),
                        exact,
                    }),
                }
            }
            code = end + 1;
        }
    }
    intervals
}

/// The route `code` goes to (if any), and the last code up to `limit` that goes there too: the
/// chunk ends where the route ends, where a route before it in precedence begins, or where the
/// class ends.
fn chunk<'r, 'v, 'a>(
    routes: &'r [(Class, Vec<Route<'v, 'a>>)],
    code: u16,
    limit: u16,
) -> (u16, Option<&'r Route<'v, 'a>>) {
    let class = Class::of(code);
    let mut end = limit.min(*class.codes().end());
    let Some((_, class_routes)) = routes.iter().find(|(other, _)| *other == class) else {
        return (end, None);
    };
    let taker = class_routes.iter().position(|route| route.contains(code));
    let before = &class_routes[..taker.unwrap_or(class_routes.len())];
    for route in before {
        if route.first > code {
            end = end.min(route.first - 1);
        }
    }
    let route = taker.map(|index| &class_routes[index]);
    if let Some(route) = route {
        end = end.min(route.last);
    }
    (end, route)
}

/// Every shadowed interval, a line each in one string, as the runtime's `check_shadowed`
/// reads it: `first last exact taker`. The runtime writes the message of a conflict from it; it
/// reports every conflict of the field in one error, a line each; for a plain extractor the
/// claims are empty and the call returns at once. One string literal: a slice of tuples here
/// cost rustc about four times as much to check and evaluate (BENCHMARKS.md, "Compile time").
fn table(shadowed: &[Shadowed]) -> String {
    let lines: Vec<String> = shadowed
        .iter()
        .map(|interval| {
            format!(
                "{} {} {} {}",
                interval.first,
                interval.last,
                u8::from(interval.exact),
                interval.taker
            )
        })
        .collect();
    lines.join("\n")
}

/// The field's type as the message shows it: `Option<ApiFailure>`.
fn type_as_written(field: &Field) -> String {
    field
        .ty
        .to_token_stream()
        .to_string()
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
}

#[cfg(test)]
mod tests {
    use syn::{DeriveInput, parse_quote};

    use super::*;
    use crate::ctxt::Ctxt;

    /// `shadowed` code by code: the first route of the code's class that contains it.
    fn shadowed_by_code(variant: &Variant, routes: &[(Class, Vec<Route>)]) -> Vec<(u16, String)> {
        class::RECEIVABLE
            .filter(|code| {
                variant
                    .matchers
                    .iter()
                    .any(|matcher| covered(matcher).contains(code))
            })
            .filter_map(|code| {
                let (_, class_routes) =
                    routes.iter().find(|(class, _)| *class == Class::of(code))?;
                let route = class_routes.iter().find(|route| route.contains(code))?;
                (!core::ptr::eq(route.variant, variant)).then(|| (code, route.variant.name()))
            })
            .collect()
    }

    #[test]
    fn shadowed_chunks_agree_with_a_code_by_code_walk() {
        let inputs: Vec<DeriveInput> = vec![
            parse_quote! {
                enum Api {
                    #[on(200)] Ok, #[on(201)] Created, #[on(204)] NoContent,
                    #[on(404)] NotFound, #[on(409, 412)] Conflict, #[on(429)] Limited,
                    #[on(500..=599)] Server, #[on_success] OtherSuccess, #[on_failure] Failed,
                }
            },
            parse_quote! {
                enum Api {
                    #[on(400..=409)] Low, #[on(405)] Exact, #[on(410..=499)] High,
                    #[on_client_error] Client, #[on_server_error] Server, #[on(503)] Busy,
                    #[on_failure] Failed, #[on(100..=199)] Info, #[on_informational] AnyInfo,
                }
            },
            parse_quote! {
                enum Api { #[on(404)] NotFound, #[fallback] Other }
            },
        ];
        for input in &inputs {
            let cx = Ctxt::new();
            let parsed = Input::from_syn(&cx, input).unwrap();
            cx.check().unwrap();
            let variants = parsed.variants();
            let routes: Vec<(Class, Vec<Route>)> = Class::ALL
                .into_iter()
                .map(|class| (class, class_routes(variants, class)))
                .collect();
            for variant in variants {
                let chunks: Vec<(u16, String)> = shadowed(variant, &routes)
                    .into_iter()
                    .flat_map(|interval| {
                        (interval.first..=interval.last)
                            .map(move |code| (code, interval.taker.clone()))
                    })
                    .collect();
                assert_eq!(
                    chunks,
                    shadowed_by_code(variant, &routes),
                    "{}",
                    variant.name()
                );
            }
        }
    }
}
