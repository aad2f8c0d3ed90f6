//! The dispatch plan: for each status class, which variant (or handler method) each code goes
//! to, in precedence order. Both expansions (outcome types and handlers) and the delegation
//! checks read it, so the precedence rules live in one place.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream};
use quote::{ToTokens, TokenStreamExt, quote};

use crate::ast::{self, Variant};
use crate::class::Class;
use crate::matcher::{CatchAll, Matcher, MatcherKind};

/// The catch-all that takes whatever a class's exact codes and ranges leave.
fn class_catch_all(class: Class) -> CatchAll {
    match class {
        Class::Informational => CatchAll::Informational,
        Class::Success => CatchAll::Success,
        Class::Redirection => CatchAll::Redirection,
        Class::Failure => CatchAll::Failure,
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
    pub fn pattern(&self) -> Pattern {
        if self.is_rest {
            return Pattern::Rest;
        }
        Pattern::Codes(vec![(self.first, self.last)])
    }

    pub fn contains(&self, code: u16) -> bool {
        self.first <= code && code <= self.last
    }
}

/// The arms of one class, in precedence order: exact codes, ranges, the narrow catch-alls
/// (client/server error), then the class catch-all or `#[fallback]` as the `_` arm. Empty when
/// nothing handles the class.
pub fn class_routes<'v, 'a>(variants: &'v [Variant<'a>], class: Class) -> Vec<Route<'v, 'a>> {
    let mut routes = Vec::new();
    let matchers = ast::matchers(variants);
    for (variant, matcher) in matchers.clone() {
        if let MatcherKind::Code(code) = matcher.kind
            && Class::of(code) == class
        {
            routes.push(Route::new(code, code, variant, matcher, false));
        }
    }
    for (variant, matcher) in matchers {
        if let MatcherKind::Range(first, last) = matcher.kind
            && Class::of(first) == class
        {
            routes.push(Route::new(first, last, variant, matcher, false));
        }
    }
    if class == Class::Failure {
        for kind in [CatchAll::ClientError, CatchAll::ServerError] {
            if let Some((variant, matcher)) = find_catch_all(variants, kind) {
                let codes = kind.codes();
                routes.push(Route::new(
                    *codes.start(),
                    *codes.end(),
                    variant,
                    matcher,
                    false,
                ));
            }
        }
    }
    let rest = find_catch_all(variants, class_catch_all(class))
        .or_else(|| find_catch_all(variants, CatchAll::Fallback));
    if let Some((variant, matcher)) = rest {
        let codes = class.codes();
        routes.push(Route::new(
            *codes.start(),
            *codes.end(),
            variant,
            matcher,
            true,
        ));
    }
    routes
}

/// The `match` arms of `routes`: the exact codes that go to the same place (same variant, same
/// handler method) merged into one or-pattern (`401u16 | 403u16`), so that each target's code is
/// generated once. Exact codes come first and never overlap, so merging keeps precedence.
pub fn arms<'r, 'v, 'a>(routes: &'r [Route<'v, 'a>]) -> Vec<(Pattern, &'r Route<'v, 'a>)> {
    let is_exact = |route: &Route| matches!(route.matcher.kind, MatcherKind::Code(_));
    let mut arms: Vec<(Pattern, &Route)> = Vec::new();
    for route in routes {
        let merged = is_exact(route)
            && arms.iter_mut().any(|(pattern, target)| {
                let same = is_exact(target)
                    && core::ptr::eq(target.variant, route.variant)
                    && target.matcher.call == route.matcher.call;
                if same && let Pattern::Codes(codes) = pattern {
                    codes.push((route.first, route.last));
                }
                same
            });
        if !merged {
            arms.push((route.pattern(), route));
        }
    }
    arms
}

/// The pattern of a status `match` arm: `_`, or an or-pattern of codes and ranges, `(first,
/// last)` each (`401u16 | 403u16`, `500u16..=599u16`). Written token by token into the `match`
/// it goes to: a pattern built as a `TokenStream` of its own and spliced in would cost round
/// trips to the compiler, twice per arm of every `match` the derive writes.
pub enum Pattern {
    Rest,
    Codes(Vec<(u16, u16)>),
}

impl ToTokens for Pattern {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let codes = match self {
            Pattern::Rest => {
                tokens.append(Ident::new("_", Span::call_site()));
                return;
            }
            Pattern::Codes(codes) => codes,
        };
        for (index, &(first, last)) in codes.iter().enumerate() {
            if index > 0 {
                tokens.append(Punct::new('|', Spacing::Alone));
            }
            tokens.append(Literal::u16_suffixed(first));
            if first != last {
                tokens.append(Punct::new('.', Spacing::Joint));
                tokens.append(Punct::new('.', Spacing::Joint));
                tokens.append(Punct::new('=', Spacing::Alone));
                tokens.append(Literal::u16_suffixed(last));
            }
        }
    }
}

/// `match #scrutinee { pattern => body, ... }` over the arms of one class, or the body alone when
/// the class has nothing but its catch-all: a `match` whose one arm is `_` is noise (clippy's
/// `match_single_binding`), and the generated code is held to clippy's rules (tests/lints.rs).
///
/// The arms go straight into the `match`'s braces, each body spliced in once (a body is a
/// `TokenStream`: each splice is a round trip to the compiler, so they are not built twice).
pub fn status_match(scrutinee: TokenStream, mut arms: Vec<(Pattern, TokenStream)>) -> TokenStream {
    if let [(Pattern::Rest, _)] = arms.as_slice()
        && let Some((_, body)) = arms.pop()
    {
        return body;
    }
    let mut braces = TokenStream::new();
    for (pattern, body) in arms {
        pattern.to_tokens(&mut braces);
        braces.append(Punct::new('=', Spacing::Joint));
        braces.append(Punct::new('>', Spacing::Alone));
        braces.extend([body]);
        braces.append(Punct::new(',', Spacing::Alone));
    }
    let mut tokens = TokenStream::new();
    tokens.append(Ident::new("match", Span::call_site()));
    tokens.extend([scrutinee]);
    tokens.append(Group::new(Delimiter::Brace, braces));
    tokens
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

/// The codes `matcher` covers on its own (ignoring precedence).
pub fn covered(matcher: &Matcher) -> core::ops::RangeInclusive<u16> {
    match matcher.kind {
        MatcherKind::Code(exact) => exact..=exact,
        MatcherKind::Range(first, last) => first..=last,
        MatcherKind::CatchAll(kind) => kind.codes(),
    }
}

/// `match __status.as_u16() { ... }`: `answer` of the variant each status selects, by the same
/// routes as the per-class methods, and `default` for a status no variant takes. A class none
/// of whose variants `matters` is left to `default`. What `body_need` and `__retry_variant`
/// ask of a status before the response is read.
///
/// One `match` over every class, where the catch-all of a class is the range of its codes
/// (`200u16..=299u16`): the classes partition 100..=999 and each route stays within its class,
/// so no arm of one class takes a code of another. One `match`, not one per class under a
/// `match` on the class, is less for rustc to check and a single jump table.
pub fn by_status(
    variants: &[Variant],
    matters: impl Fn(&Variant) -> bool,
    answer: impl Fn(&Variant) -> Answer,
    default: &Answer,
) -> TokenStream {
    let routes: Vec<Route> = Class::ALL
        .into_iter()
        .map(|class| class_routes(variants, class))
        .filter(|routes| routes.iter().any(|route| matters(route.variant)))
        .flatten()
        .collect();
    let mut arms = answer_arms(&routes, &answer, default);
    arms.push((Pattern::Rest, default.tokens.clone()));
    status_match(quote!(__status.as_u16()), arms)
}

/// What `by_status` answers for a variant: the expression, and a key that is equal for two
/// answers exactly when their expressions are (what arms merge by; the text of a `TokenStream`
/// would be a round trip to the compiler for each).
#[derive(Clone)]
pub struct Answer {
    pub tokens: TokenStream,
    pub key: String,
}

/// The arms of `by_status`: each route's `answer`, with the exact codes that get the same answer
/// merged into one or-pattern (whatever variant they go to), and an exact code left out when the
/// range or catch-all after it gives the same answer. Fewer arms, for rustc to check and for the
/// jump table, with the same answer for every status: exact codes come first and never overlap,
/// and a code left out falls to the first later route that contains it, or to `default`.
fn answer_arms<'v, 'a>(
    routes: &[Route<'v, 'a>],
    answer: &impl Fn(&Variant) -> Answer,
    default: &Answer,
) -> Vec<(Pattern, TokenStream)> {
    // Each variant's answer once.
    let mut answers: Vec<(&Variant, Answer)> = Vec::new();
    let mut answer_of = |variant: &'v Variant<'a>| -> (TokenStream, String) {
        if let Some((_, answer)) = answers
            .iter()
            .find(|(other, _)| core::ptr::eq(*other, variant))
        {
            return (answer.tokens.clone(), answer.key.clone());
        }
        let answer = answer(variant);
        answers.push((variant, answer.clone()));
        (answer.tokens, answer.key)
    };
    let (exact, wider): (Vec<&Route>, Vec<&Route>) = routes
        .iter()
        .partition(|route| !route.is_rest && matches!(route.matcher.kind, MatcherKind::Code(_)));
    let wider: Vec<(&Route, TokenStream, String)> = wider
        .into_iter()
        .map(|route| {
            let (answer, key) = answer_of(route.variant);
            (route, answer, key)
        })
        .collect();
    let default_key = default.key.clone();
    // What a code gets from the routes after the exact ones.
    let below = |code: u16| {
        wider
            .iter()
            .find(|(route, _, _)| route.contains(code))
            .map_or(default_key.as_str(), |(_, _, key)| key.as_str())
    };
    let mut exact_arms: Vec<AnswerArm> = Vec::new();
    for route in exact {
        let (answer, key) = answer_of(route.variant);
        if below(route.first) == key {
            continue;
        }
        let codes = (route.first, route.last);
        match exact_arms.iter_mut().find(|arm| arm.key == key) {
            Some(arm) => arm.codes.push(codes),
            None => exact_arms.push(AnswerArm::new(key, answer, codes)),
        }
    }
    // A class's catch-all as the range of its codes: the arms of every class share one `match`.
    // A range joins an earlier one with the same answer when no range between them overlaps it
    // (`200u16..=299u16 | 500u16..=599u16` before `400u16..=999u16`): it is then reached as
    // before.
    let mut range_arms: Vec<AnswerArm> = Vec::new();
    for (route, answer, key) in wider {
        let overlaps = |(first, last): &(u16, u16)| *first <= route.last && route.first <= *last;
        let joined = range_arms
            .iter()
            .rposition(|arm| arm.key == key || arm.codes.iter().any(overlaps))
            .filter(|&at| range_arms[at].key == key);
        let codes = (route.first, route.last);
        match joined {
            Some(at) => range_arms[at].codes.push(codes),
            None => range_arms.push(AnswerArm::new(key, answer, codes)),
        }
    }
    exact_arms
        .into_iter()
        .chain(range_arms)
        .map(|arm| (or_pattern(arm.codes), arm.answer))
        .collect()
}

/// An arm of `answer_arms` as it is gathered: the answer (and its text, to compare) and the
/// codes that get it, `(first, last)` each.
struct AnswerArm {
    key: String,
    answer: TokenStream,
    codes: Vec<(u16, u16)>,
}

impl AnswerArm {
    fn new(key: String, answer: TokenStream, codes: (u16, u16)) -> Self {
        AnswerArm {
            key,
            answer,
            codes: vec![codes],
        }
    }
}

/// The or-pattern of one arm's codes, `(first, last)` each, with codes that touch made one range
/// (`401u16..=403u16`, not `401u16 | 402u16 | 403u16`: clippy's `manual_range_patterns`). The
/// order of an or-pattern's alternatives does not change what it matches.
fn or_pattern(mut codes: Vec<(u16, u16)>) -> Pattern {
    codes.sort_unstable();
    let mut merged: Vec<(u16, u16)> = Vec::new();
    for (first, last) in codes {
        match merged.last_mut() {
            Some(previous) if first <= previous.1.saturating_add(1) => {
                previous.1 = previous.1.max(last);
            }
            _ => merged.push((first, last)),
        }
    }
    Pattern::Codes(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(tokens: TokenStream) -> String {
        tokens.to_string()
    }

    #[test]
    fn a_match_with_its_catch_all_alone_is_its_body() {
        let only_rest = vec![(Pattern::Rest, quote!(body()))];
        assert_eq!(text(status_match(quote!(s), only_rest)), "body ()");
    }

    #[test]
    fn every_arm_is_written_in_order_with_its_pattern() {
        let one_code = vec![(Pattern::Codes(vec![(409, 409)]), quote!(a))];
        assert_eq!(
            text(status_match(quote!(s), one_code)),
            "match s { 409u16 => a , }"
        );
        let arms = vec![
            (Pattern::Codes(vec![(401, 401), (403, 403)]), quote!(a)),
            (Pattern::Codes(vec![(500, 599)]), quote!(b)),
            (Pattern::Rest, quote!(c)),
        ];
        assert_eq!(
            text(status_match(quote!(s), arms)),
            "match s { 401u16 | 403u16 => a , 500u16 ..= 599u16 => b , _ => c , }"
        );
    }

    #[test]
    fn touching_codes_are_one_range() {
        let Pattern::Codes(codes) =
            or_pattern(vec![(403, 403), (401, 401), (402, 402), (500, 599)])
        else {
            panic!("an or-pattern of codes");
        };
        assert_eq!(codes, [(401, 403), (500, 599)]);
    }
}
