//! The grammar of `#[on(...)]`, a positional list: codes (`409`), `http::StatusCode` constant
//! names (`CONFLICT`, `StatusCode::CONFLICT`), inclusive ranges (`500..=599`) and, in a handler,
//! `call = method`. Mistakes that look like statuses get errors of their own: a class pattern
//! (`5xx`, `"4XX"`), a code as a string, an exclusive range, a range of constant names. Which
//! attribute may sit where is `attr.rs`'s business, not this file's.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, Lit, LitInt, Meta, Path, Token};

use crate::class;
use crate::ctxt::{Attr, Ctxt};
use crate::matcher::{CatchAll, Matcher, MatcherKind};
use crate::status;
use crate::symbol;

/// Adds the statuses of one `#[on(...)]` to `matchers`, each with its `call = method` if any;
/// reports every malformed item and goes on with the next.
pub fn parse_on(cx: &Ctxt, attr: &Attribute, matchers: &mut Vec<Matcher>) {
    const USAGE: &str =
        "write `#[on(409)]`, `#[on(CONFLICT)]`, `#[on(500..=599)]` or several: `#[on(401, 403)]`";
    let list = match &attr.meta {
        Meta::List(list) => list,
        Meta::Path(_) => {
            return cx.error_spanned_by(
                attr,
                format_args!("`#[on]` needs the status codes it handles: {USAGE}"),
            );
        }
        Meta::NameValue(_) => {
            return cx.error_spanned_by(
                attr,
                format_args!("`#[on = ...]` is not a form of `#[on]`: {USAGE}"),
            );
        }
    };
    let items = split_on_commas(list.tokens.clone());
    if items.is_empty() {
        return cx.error_spanned_by(attr, format_args!("`#[on()]` names no status: {USAGE}"));
    }
    let mut call = Attr::new(
        cx,
        "`call` is given twice: one `#[on(...)]` calls one method",
        "the first `call` is here",
    );
    let first_new = matchers.len();
    for item in items {
        if let Some(code) = plain_code(&item) {
            matchers.push(Matcher {
                kind: MatcherKind::Code(code),
                tokens: item.into_iter().collect(),
                call: None,
            });
            continue;
        }
        let item: TokenStream = item.into_iter().collect();
        if let Ok(method) = parse_call.parse2(item.clone()) {
            call.set_once(&method, || method.clone());
            continue;
        }
        match parse_on_item.parse2(item.clone()) {
            Ok(kind) => matchers.push(Matcher {
                kind,
                tokens: item,
                call: None,
            }),
            Err(error) => cx.syn_error(error),
        }
    }
    let call = call.get();
    for matcher in matchers.iter_mut().skip(first_new) {
        matcher.call.clone_from(&call);
    }
}

/// `call = method`: the handler method an attribute dispatches to (also after a catch-all:
/// `#[on_success(call = ok)]`).
pub fn parse_call(input: ParseStream) -> syn::Result<Ident> {
    let key: Ident = input.parse()?;
    if key != symbol::CALL {
        return Err(syn::Error::new_spanned(key, "expected `call`"));
    }
    input.parse::<Token![=]>()?;
    let method = Ident::parse_any(input)?;
    if !input.is_empty() {
        return Err(input.error("expected a method name after `call =`"));
    }
    Ok(method)
}

/// Splits `a, b..=c, D` into its comma-separated items, dropping a trailing comma. A stray
/// comma (`a,,b`) becomes an item of its own, so that its error points at it.
fn split_on_commas(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut items = Vec::new();
    let mut current = Vec::new();
    for token in tokens {
        match &token {
            TokenTree::Punct(punct) if punct.as_char() == ',' => {
                if current.is_empty() {
                    current.push(token);
                }
                items.push(core::mem::take(&mut current));
            }
            _ => current.push(token),
        }
    }
    if !current.is_empty() {
        items.push(current);
    }
    items
}

/// The code of an item that is a plain three-digit literal in `NAMEABLE` (`409`), the common
/// case, read without building a parser; `None` for anything else, which `parse_on_item` reads
/// (and reports, when it is wrong).
fn plain_code(item: &[TokenTree]) -> Option<u16> {
    let [TokenTree::Literal(literal)] = item else {
        return None;
    };
    let text = literal.to_string();
    let code = match text.as_bytes() {
        [b'1'..=b'9', b'0'..=b'9', b'0'..=b'9'] => text.parse().ok()?,
        _ => return None,
    };
    class::NAMEABLE.contains(&code).then_some(code)
}

/// One comma-separated item of `#[on(...)]`, which must be all of it.
fn parse_on_item(input: ParseStream) -> syn::Result<MatcherKind> {
    let kind = parse_matcher(input)?;
    if !input.is_empty() {
        return Err(input
            .error("expected `,` between the statuses of `#[on(...)]`, as in `#[on(401, 403)]`"));
    }
    Ok(kind)
}

fn parse_matcher(input: ParseStream) -> syn::Result<MatcherKind> {
    if input.peek(LitInt) {
        let literal: LitInt = input.parse()?;
        if literal.suffix().eq_ignore_ascii_case("xx") {
            return Err(class_pattern(&literal, literal.base10_digits()));
        }
        let first = status_literal(&literal)?;
        if input.peek(Token![..=]) {
            input.parse::<Token![..=]>()?;
            let last: LitInt = input.parse().map_err(|error| {
                syn::Error::new(
                    error.span(),
                    "expected the last code of the range, as in `500..=599`",
                )
            })?;
            return Ok(MatcherKind::Range(first, status_literal(&last)?));
        }
        if input.peek(Token![..]) {
            let dots: Token![..] = input.parse()?;
            return Err(syn::Error::new_spanned(
                dots,
                "status ranges are inclusive: write `500..=599`, not `500..600`",
            ));
        }
        return Ok(MatcherKind::Code(first));
    }
    if input.peek(syn::Ident) && input.peek2(Token![=]) {
        let key: Ident = input.parse()?;
        return Err(syn::Error::new_spanned(
            &key,
            format_args!(
                "unknown key `{key}` in `#[on(...)]`: it takes status codes, constant names, ranges, and `call = method` in a handler"
            ),
        ));
    }
    if input.peek(syn::Ident) || input.peek(Token![::]) {
        let path = input.call(Path::parse_mod_style)?;
        if input.peek(Token![..]) {
            return Err(constant_range(&path, input));
        }
        return constant(&path).map(MatcherKind::Code);
    }
    if input.peek(Lit) {
        let lit: Lit = input.parse()?;
        if let Lit::Str(text) = &lit {
            let value = text.value();
            if value.parse::<u16>().is_ok() {
                return Err(syn::Error::new_spanned(
                    lit,
                    format_args!(
                        "status codes are integers, not strings: write `{value}` without the quotes"
                    ),
                ));
            }
            if let Some(digit) = value.strip_suffix("xx").or(value.strip_suffix("XX")) {
                return Err(class_pattern(&lit, digit));
            }
        }
        return Err(syn::Error::new_spanned(lit, EXPECTED_STATUS));
    }
    Err(input.error(EXPECTED_STATUS))
}

const EXPECTED_STATUS: &str = "expected a status code such as `409`, a `StatusCode` constant such as `CONFLICT`, or a range such as `500..=599`";

/// The error for `#[on(5xx)]`, `#[on(5XX)]` or `#[on("5XX")]` (the OpenAPI spelling of a class):
/// each class has its catch-all, and the range form says the same thing in numbers.
fn class_pattern(tokens: impl ToTokens, digit: &str) -> syn::Error {
    let written = tokens.to_token_stream().to_string();
    let catch_all = digit
        .parse::<u16>()
        .ok()
        .and_then(|hundred| Some((hundred, CatchAll::of_hundred(hundred)?)));
    let message = match catch_all {
        Some((hundred, catch_all)) => {
            let codes = class::hundred_codes(hundred);
            format!(
                "`{written}` is a class of statuses, not a status code: write `#[{}]` on the variant for any {hundred}xx that no other attribute handles, or `#[on({}..={})]` for a range that takes precedence over it",
                catch_all.symbol(),
                codes.start(),
                codes.end(),
            )
        }
        None => format!(
            "`{written}` is not a status class: the classes are 1xx to 5xx, each with its catch-all (`#[on_success]` for 2xx, ...)"
        ),
    };
    syn::Error::new_spanned(tokens, message)
}

/// The error for `BAD_REQUEST..=CONFLICT`, suggesting the numeric range when both names are known.
fn constant_range(first: &Path, input: ParseStream) -> syn::Error {
    let code_of = |path: &Path| {
        let name = &path.segments.last()?.ident;
        status::code_of(&name.to_string())
    };
    let last = input
        .parse::<Token![..=]>()
        .and_then(|_| input.call(Path::parse_mod_style))
        .ok()
        .and_then(|last| code_of(&last));
    let example = match (code_of(first), last) {
        (Some(first), Some(last)) => format!("`{first}..={last}`"),
        _ => "`400..=499`".to_owned(),
    };
    syn::Error::new_spanned(
        first,
        format_args!("a range takes numeric codes, not constant names: write {example}"),
    )
}

fn status_literal(literal: &LitInt) -> syn::Result<u16> {
    let (first, last) = (class::NAMEABLE.start(), class::NAMEABLE.end());
    match literal.base10_parse::<u16>() {
        Ok(code) if class::NAMEABLE.contains(&code) => Ok(code),
        _ => Err(syn::Error::new_spanned(
            literal,
            format_args!(
                "status code `{}` is outside {first}..={last}: name a code that HTTP defines; to catch anything else, use `#[on_failure]` or `#[fallback]`",
                literal.base10_digits()
            ),
        )),
    }
}

/// The code of `CONFLICT`, `StatusCode::CONFLICT`, `http::StatusCode::CONFLICT`, ...: a
/// qualified name must end in `StatusCode::NAME`, whatever crate it goes through.
fn constant(path: &Path) -> syn::Result<u16> {
    let mut segments = path.segments.iter().rev();
    let name = segments
        .next()
        .map(|segment| &segment.ident)
        .ok_or_else(|| syn::Error::new_spanned(path, EXPECTED_STATUS))?;
    let text = name.to_string();
    if let Some(owner) = segments.next()
        && owner.ident != "StatusCode"
    {
        let written = path.to_token_stream().to_string().replace(' ', "");
        let hint = match status::code_of(&text) {
            Some(_) => format!("write `StatusCode::{text}` or `{text}`"),
            None => "write a constant such as `StatusCode::CONFLICT` or `CONFLICT`".to_owned(),
        };
        return Err(syn::Error::new_spanned(
            path,
            format_args!("`{written}` is not an `http::StatusCode` constant: {hint}"),
        ));
    }
    status::code_of(&text).ok_or_else(|| {
        let hint = match status::closest_name(&text) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "write the numeric code instead, as in `#[on(409)]`".to_owned(),
        };
        syn::Error::new_spanned(
            name,
            format_args!("`{text}` is not an `http::StatusCode` constant: {hint}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(tokens: TokenStream) -> syn::Result<MatcherKind> {
        parse_on_item.parse2(tokens)
    }

    #[test]
    fn constants_may_be_qualified_up_to_status_code() {
        for tokens in [
            quote::quote!(CONFLICT),
            quote::quote!(StatusCode::CONFLICT),
            quote::quote!(http::StatusCode::CONFLICT),
            quote::quote!(::http::StatusCode::CONFLICT),
            quote::quote!(response_handler::StatusCode::CONFLICT),
        ] {
            assert!(matches!(matcher(tokens), Ok(MatcherKind::Code(409))));
        }
        assert!(matcher(quote::quote!(http::CONFLICT)).is_err());
        assert!(matcher(quote::quote!(StatusCode::CONFLIT)).is_err());
    }

    /// The fast path agrees with the parser on what it takes, and leaves the rest to it.
    #[test]
    fn plain_codes_are_read_as_the_parser_reads_them() {
        let item = |tokens: TokenStream| tokens.into_iter().collect::<Vec<_>>();
        for code in [100u16, 204, 409, 599] {
            let literal = proc_macro2::Literal::u16_unsuffixed(code);
            assert_eq!(plain_code(&item(quote::quote!(#literal))), Some(code));
            assert!(
                matches!(matcher(quote::quote!(#literal)), Ok(MatcherKind::Code(c)) if c == code)
            );
        }
        for tokens in [
            quote::quote!(600),
            quote::quote!(99),
            quote::quote!(0409),
            quote::quote!(409u16),
            quote::quote!(4_09),
            quote::quote!(500..=599),
            quote::quote!(CONFLICT),
            quote::quote!("409"),
        ] {
            assert_eq!(plain_code(&item(tokens)), None);
        }
    }

    #[test]
    fn class_patterns_name_the_catch_all() {
        let message = |tokens| matcher(tokens).err().unwrap().to_string();
        assert!(message(quote::quote!(2xx)).contains("`#[on_success]`"));
        assert!(message(quote::quote!(5XX)).contains("`#[on_server_error]`"));
        assert!(message(quote::quote!("4XX")).contains("`#[on_client_error]`"));
        assert!(message(quote::quote!(7xx)).contains("not a status class"));
    }
}
