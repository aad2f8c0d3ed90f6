//! The dispatch plan: for each status class, which variant (or handler method) each code goes
//! to, in precedence order. Both expansions (outcome types and handlers) and the delegation
//! checks read it, so the precedence rules live in one place.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

use crate::ast::Variant;
use crate::attr::{CatchAll, Matcher, MatcherKind};

/// The four status classes, as the runtime's per-class methods see them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Informational,
    Success,
    Redirection,
    Failure,
}

impl Class {
    pub const ALL: [Class; 4] = [
        Class::Informational,
        Class::Success,
        Class::Redirection,
        Class::Failure,
    ];

    pub fn of(code: u16) -> Class {
        match code {
            100..=199 => Class::Informational,
            200..=299 => Class::Success,
            300..=399 => Class::Redirection,
            _ => Class::Failure,
        }
    }

    /// The codes of the class: 600–999 are failures too.
    fn bounds(self) -> (u16, u16) {
        match self {
            Class::Informational => (100, 199),
            Class::Success => (200, 299),
            Class::Redirection => (300, 399),
            Class::Failure => (400, 999),
        }
    }

    /// The runtime's per-class method (same name on `ResponseHandler` and `Handler`).
    pub fn method(self) -> Ident {
        format_ident!(
            "{}",
            match self {
                Class::Informational => "on_informational",
                Class::Success => "on_success",
                Class::Redirection => "on_redirection",
                Class::Failure => "on_failure",
            }
        )
    }

    /// The class proof type the method receives.
    pub fn proof_type(self) -> Ident {
        format_ident!(
            "{}",
            match self {
                Class::Informational => "Informational",
                Class::Success => "Success",
                Class::Redirection => "Redirection",
                Class::Failure => "Failure",
            }
        )
    }

    /// The runtime trait that checks a handler method takes this class's proof.
    pub fn method_check(self) -> Ident {
        format_ident!(
            "{}",
            match self {
                Class::Informational => "InformationalMethod",
                Class::Success => "SuccessMethod",
                Class::Redirection => "RedirectionMethod",
                Class::Failure => "FailureMethod",
            }
        )
    }

    /// The catch-all that takes whatever this class's exact codes and ranges leave.
    fn catch_all(self) -> CatchAll {
        match self {
            Class::Informational => CatchAll::Informational,
            Class::Success => CatchAll::Success,
            Class::Redirection => CatchAll::Redirect,
            Class::Failure => CatchAll::Failure,
        }
    }
}

/// One arm of a class's `match`: the codes `first..=last` go to `variant`, because `matcher`
/// says so. `is_rest` marks the final `_` arm.
pub struct Route<'v, 'a> {
    pub first: u16,
    pub last: u16,
    pub variant: &'v Variant<'a>,
    pub matcher: &'v Matcher,
    pub is_rest: bool,
}

impl<'v, 'a> Route<'v, 'a> {
    fn new(
        first: u16,
        last: u16,
        variant: &'v Variant<'a>,
        matcher: &'v Matcher,
        is_rest: bool,
    ) -> Self {
        Route {
            first,
            last,
            variant,
            matcher,
            is_rest,
        }
    }

    /// The `match` pattern of the arm.
    pub fn pattern(&self) -> TokenStream {
        if self.is_rest {
            return quote!(_);
        }
        let first = Literal::u16_suffixed(self.first);
        if self.first == self.last {
            return quote!(#first);
        }
        let last = Literal::u16_suffixed(self.last);
        quote!(#first..=#last)
    }

    fn contains(&self, code: u16) -> bool {
        self.first <= code && code <= self.last
    }
}

/// The arms of one class, in precedence order: exact codes, ranges, the narrow catch-alls
/// (client/server error), then the class catch-all or `#[fallback]` as the `_` arm. Empty when
/// nothing handles the class.
pub fn class_routes<'v, 'a>(variants: &'v [Variant<'a>], class: Class) -> Vec<Route<'v, 'a>> {
    let mut routes = Vec::new();
    let matchers = || {
        variants.iter().flat_map(|variant| {
            variant
                .matchers
                .iter()
                .map(move |matcher| (variant, matcher))
        })
    };
    for (variant, matcher) in matchers() {
        if let MatcherKind::Code(code) = matcher.kind
            && Class::of(code) == class
        {
            routes.push(Route::new(code, code, variant, matcher, false));
        }
    }
    for (variant, matcher) in matchers() {
        if let MatcherKind::Range(first, last) = matcher.kind
            && Class::of(first) == class
        {
            routes.push(Route::new(first, last, variant, matcher, false));
        }
    }
    if class == Class::Failure {
        for (kind, first, last) in [
            (CatchAll::ClientError, 400, 499),
            (CatchAll::ServerError, 500, 599),
        ] {
            if let Some((variant, matcher)) = find_catch_all(variants, kind) {
                routes.push(Route::new(first, last, variant, matcher, false));
            }
        }
    }
    let rest = find_catch_all(variants, class.catch_all())
        .or_else(|| find_catch_all(variants, CatchAll::Fallback));
    if let Some((variant, matcher)) = rest {
        let (first, last) = class.bounds();
        routes.push(Route::new(first, last, variant, matcher, true));
    }
    routes
}

/// The `match` arms of `routes`: the exact codes that go to the same place (same variant, same
/// handler method) merged into one or-pattern (`401u16 | 403u16`), so that each target's code is
/// generated once. Exact codes come first and never overlap, so merging keeps precedence.
pub fn arms<'r, 'v, 'a>(routes: &'r [Route<'v, 'a>]) -> Vec<(TokenStream, &'r Route<'v, 'a>)> {
    let is_exact = |route: &Route| matches!(route.matcher.kind, MatcherKind::Code(_));
    let mut arms: Vec<(Vec<TokenStream>, &Route)> = Vec::new();
    for route in routes {
        let merged = is_exact(route)
            && arms.iter_mut().any(|(patterns, target)| {
                let same = is_exact(target)
                    && core::ptr::eq(target.variant, route.variant)
                    && target.matcher.call == route.matcher.call;
                if same {
                    patterns.push(route.pattern());
                }
                same
            });
        if !merged {
            arms.push((vec![route.pattern()], route));
        }
    }
    arms.into_iter()
        .map(|(patterns, route)| (quote!(#(#patterns)|*), route))
        .collect()
}

/// Where `code` goes: the first route of its class that contains it.
pub fn route_of<'r, 'v, 'a>(routes: &'r [Route<'v, 'a>], code: u16) -> Option<&'r Route<'v, 'a>> {
    routes.iter().find(|route| route.contains(code))
}

fn find_catch_all<'v, 'a>(
    variants: &'v [Variant<'a>],
    kind: CatchAll,
) -> Option<(&'v Variant<'a>, &'v Matcher)> {
    variants.iter().find_map(|variant| {
        let matcher = variant
            .matchers
            .iter()
            .find(|m| m.kind == MatcherKind::CatchAll(kind))?;
        Some((variant, matcher))
    })
}

/// Does `matcher` cover `code` on its own (ignoring precedence)?
pub fn covers(matcher: &Matcher, code: u16) -> bool {
    match matcher.kind {
        MatcherKind::Code(exact) => exact == code,
        MatcherKind::Range(first, last) => first <= code && code <= last,
        MatcherKind::CatchAll(kind) => match kind {
            CatchAll::Informational => Class::of(code) == Class::Informational,
            CatchAll::Success => Class::of(code) == Class::Success,
            CatchAll::Redirect => Class::of(code) == Class::Redirection,
            CatchAll::ClientError => (400..=499).contains(&code),
            CatchAll::ServerError => (500..=599).contains(&code),
            CatchAll::Failure => Class::of(code) == Class::Failure,
            CatchAll::Fallback => true,
        },
    }
}
