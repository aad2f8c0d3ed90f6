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
//! The macro cannot see another type's attributes, but the compiler can: every derived type
//! exposes its claims as `ResponseHandler::__CLAIMS` (and, through `Extract`, every field type
//! does, empty for plain extractors), and each check below is a `const` that fails to evaluate,
//! with its error on the field's type.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::Type;

use crate::ast::{Input, Variant};
use crate::attr::MatcherKind;
use crate::dispatch::{Class, Route, class_routes, covers, route_of};
use crate::expand::{first_and_last_span, option_inner, private};
use crate::generics::GenericParams;

/// Codes of `variant`'s matchers that the outer type sends to another variant first.
struct Shadowed<'v> {
    first: u16,
    last: u16,
    taker: &'v str,
    /// The taker claims these codes exactly (then only inner exact codes conflict).
    exact: bool,
}

pub fn checks(input: &Input, params: &GenericParams) -> TokenStream {
    let variants = input.variants();
    let routes: Vec<(Class, Vec<Route>)> = Class::ALL
        .into_iter()
        .map(|class| (class, class_routes(variants, class)))
        .collect();
    let mut checks = TokenStream::new();
    for variant in variants {
        let fields: Vec<_> = variant
            .fields
            .iter()
            .filter(|field| field.header.is_none())
            .filter(|field| !params.mentioned_in(field.ty) && !is_plain_extractor(field.ty))
            .collect();
        if fields.is_empty() {
            continue;
        }
        let shadowed = shadowed(variant, &routes);
        for field in fields {
            for interval in &shadowed {
                checks.extend(check(variant, &field.display_name(), field.ty, interval));
            }
        }
    }
    checks
}

fn shadowed<'v>(variant: &Variant, routes: &'v [(Class, Vec<Route<'v, '_>>)]) -> Vec<Shadowed<'v>> {
    let mut intervals: Vec<Shadowed> = Vec::new();
    for code in 100..=999u16 {
        if !variant.matchers.iter().any(|matcher| covers(matcher, code)) {
            continue;
        }
        let Some((_, class_routes)) = routes.iter().find(|(class, _)| *class == Class::of(code))
        else {
            continue;
        };
        let Some(route) = route_of(class_routes, code) else {
            continue;
        };
        if core::ptr::eq(route.variant, variant) {
            continue;
        }
        let taker = route.variant.variant_name.as_deref().unwrap_or("?");
        let exact = matches!(route.matcher.kind, MatcherKind::Code(_));
        match intervals.last_mut() {
            Some(last) if last.last + 1 == code && last.taker == taker && last.exact == exact => {
                last.last = code;
            }
            _ => intervals.push(Shadowed {
                first: code,
                last: code,
                taker,
                exact,
            }),
        }
    }
    intervals
}

fn check(variant: &Variant, field: &str, ty: &Type, shadowed: &Shadowed) -> TokenStream {
    let private = private();
    let name = variant.variant_name.as_deref().unwrap_or_default();
    let inner = ty
        .to_token_stream()
        .to_string()
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace(" ,", ",");
    let Shadowed {
        first,
        last,
        taker,
        exact,
    } = *shadowed;
    let codes = if first == last {
        format!("status {first}")
    } else {
        format!("statuses {first}..={last}")
    };
    let (function, claim) = if exact {
        (quote!(claims_exact_within), "handles")
    } else {
        (quote!(claims_any_within), "handles some of")
    };
    let message = format!(
        "`{inner}` (field `{field}` of `{name}`) {claim} {codes}, but `{taker}` takes {} before `{name}` does, so that arm of `{inner}` never runs here: remove one of the two",
        if first == last { "it" } else { "them" }
    );
    let (start, end) = first_and_last_span(ty);
    let arguments = quote_spanned!(end=> (#message));
    quote_spanned! {start=>
        const _: () = {
            if #private::#function(<#ty as #private::Extract>::__CLAIMS, #first, #last) {
                ::core::panic! #arguments;
            }
        };
    }
}

/// Field types that are plain extractors, never a delegated `ResponseHandler`: no check needed.
fn is_plain_extractor(ty: &Type) -> bool {
    const PLAIN: [&str; 10] = [
        "StatusCode",
        "String",
        "Bytes",
        "Vec",
        "HeaderMap",
        "HeaderValue",
        "Version",
        "Json",
        "PhantomData",
        "BufferedResponse",
    ];
    if let Some(inner) = option_inner(ty) {
        return is_plain_extractor(inner);
    }
    match ty {
        Type::Tuple(_) => true,
        Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|last| PLAIN.iter().any(|plain| last.ident == plain)),
        _ => false,
    }
}
