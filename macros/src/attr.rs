//! Parsing of the derive's attributes, one position at a time (serde's `attr.rs`): `Container`,
//! `Variant` and `Field` each have a `from_ast` that reads the attributes found there, and
//! `misplaced` says, in one place, which attribute goes where. Rules that involve several
//! attributes live in `valid.rs`.

use core::ops::RangeInclusive;

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, DeriveInput, Ident, Lit, LitInt, LitStr, Meta, Path, Token};

use crate::class::{self, Class};
use crate::ctxt::Ctxt;
use crate::status;
use crate::symbol::{self, Symbol};

/// One thing a variant answers to.
pub struct Matcher {
    pub kind: MatcherKind,
    /// The tokens that said it, for error spans.
    pub tokens: TokenStream,
    /// In a handler: the method to call (`call = created`).
    pub call: Option<Ident>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MatcherKind {
    /// `#[on(409)]`, `#[on(CONFLICT)]`, `#[on(StatusCode::CONFLICT)]`.
    Code(u16),
    /// `#[on(500..=599)]`: first and last code.
    Range(u16, u16),
    /// `#[on_success]`, `#[fallback]`, ...
    CatchAll(CatchAll),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CatchAll {
    Informational,
    Success,
    Redirect,
    ClientError,
    ServerError,
    Failure,
    Fallback,
}

impl CatchAll {
    pub const ALL: [CatchAll; 7] = [
        CatchAll::Informational,
        CatchAll::Success,
        CatchAll::Redirect,
        CatchAll::ClientError,
        CatchAll::ServerError,
        CatchAll::Failure,
        CatchAll::Fallback,
    ];

    pub fn symbol(self) -> Symbol {
        match self {
            CatchAll::Informational => symbol::ON_INFORMATIONAL,
            CatchAll::Success => symbol::ON_SUCCESS,
            CatchAll::Redirect => symbol::ON_REDIRECT,
            CatchAll::ClientError => symbol::ON_CLIENT_ERROR,
            CatchAll::ServerError => symbol::ON_SERVER_ERROR,
            CatchAll::Failure => symbol::ON_FAILURE,
            CatchAll::Fallback => symbol::FALLBACK,
        }
    }

    /// The codes it catches, before precedence gives some of them to other attributes.
    pub fn codes(self) -> RangeInclusive<u16> {
        match self {
            CatchAll::Informational => Class::Informational.codes(),
            CatchAll::Success => Class::Success.codes(),
            CatchAll::Redirect => Class::Redirection.codes(),
            CatchAll::ClientError => class::hundred_codes(4),
            CatchAll::ServerError => class::hundred_codes(5),
            CatchAll::Failure => Class::Failure.codes(),
            CatchAll::Fallback => class::RECEIVABLE,
        }
    }

    /// The catch-all whose codes are exactly the hundred `hundred` (`5` → `#[on_server_error]`),
    /// for `#[on(5xx)]`.
    fn of_hundred(hundred: u16) -> Option<CatchAll> {
        CatchAll::ALL
            .into_iter()
            .find(|catch_all| catch_all.codes() == class::hundred_codes(hundred))
    }

    fn from_path(path: &Path) -> Option<CatchAll> {
        CatchAll::ALL
            .into_iter()
            .find(|catch_all| *path == catch_all.symbol())
    }
}

/// `#[handler(output = Type, error = method)]` on a struct: it is a handler (see the runtime's
/// `Handler` trait), not an outcome.
pub struct HandlerConfig {
    /// What every method returns. When missing, the error is reported and this is `_`: the
    /// derive then stops before expanding.
    pub output: syn::Type,
    /// The method that turns a `response_handler::Error` into the output, if not the
    /// `FromResponseError` default.
    pub error: Option<Ident>,
    /// `async`: the methods are `async fn`, and the derive implements `AsyncHandler`.
    pub asyncness: bool,
}

/// A `#[header("name")]` on a field.
pub struct HeaderAttr {
    /// The name, lowercased (header names are case-insensitive).
    pub name: String,
}

/// The attributes of the derived type itself.
pub struct Container {
    /// For a struct: the statuses it handles. Always empty for an enum (reported there).
    pub matchers: Vec<Matcher>,
    /// Whether it has any status attribute, valid or not (see [`Variant::has_status_attr`]).
    pub has_status_attr: bool,
    pub handler: Option<HandlerConfig>,
    /// `#[retry]` on a struct: the tokens of its path, for error spans.
    pub retry: Option<TokenStream>,
}

/// The attributes of an enum variant.
pub struct Variant {
    pub matchers: Vec<Matcher>,
    /// `#[retry]`: the tokens of its path, for error spans.
    pub retry: Option<TokenStream>,
    /// Whether it has any status attribute (`#[on]`, `#[on_success]`, ...), valid or not: a
    /// variant whose only `#[on(...)]` is malformed already has an error, and must not get
    /// "handles no status" too.
    pub has_status_attr: bool,
}

/// The attributes of a field.
pub struct Field {
    pub header: Option<HeaderAttr>,
}

/// Where an attribute sits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Position {
    Enum,
    Struct,
    Variant,
    Field,
    /// A field of a handler struct: its state, not read from the response.
    HandlerField,
}

impl Container {
    pub fn from_ast(cx: &Ctxt, input: &DeriveInput) -> Self {
        let position = match input.data {
            syn::Data::Enum(_) => Position::Enum,
            _ => Position::Struct,
        };
        let mut matchers = Vec::new();
        for attr in &input.attrs {
            if !misplaced(cx, attr, position) {
                parse_status_attr(cx, attr, &mut matchers);
            }
        }
        let mut handler = Attr::new(
            cx,
            "duplicate `#[handler]`: give `output` and `error` in one",
            "the first `#[handler]` is here",
        );
        if position == Position::Struct {
            for attr in input
                .attrs
                .iter()
                .filter(|attr| *attr.path() == symbol::HANDLER)
            {
                handler.set_once(attr, || parse_handler(cx, attr));
            }
        }
        let retry = match position {
            Position::Struct => parse_retry(cx, &input.attrs),
            _ => None,
        };
        Container {
            matchers,
            has_status_attr: has_status_attr(&input.attrs),
            handler: handler.get(),
            retry,
        }
    }
}

impl Variant {
    pub fn from_ast(cx: &Ctxt, variant: &syn::Variant) -> Self {
        let mut matchers = Vec::new();
        for attr in &variant.attrs {
            if !misplaced(cx, attr, Position::Variant) {
                parse_status_attr(cx, attr, &mut matchers);
            }
        }
        Variant {
            matchers,
            has_status_attr: has_status_attr(&variant.attrs),
            retry: parse_retry(cx, &variant.attrs),
        }
    }
}

impl Field {
    /// `in_handler`: the field belongs to a handler struct.
    pub fn from_ast(cx: &Ctxt, field: &syn::Field, in_handler: bool) -> Self {
        let position = if in_handler {
            Position::HandlerField
        } else {
            Position::Field
        };
        let mut header = Attr::new(
            cx,
            "duplicate `#[header]`: a field reads one header",
            "the first `#[header]` of this field is here",
        );
        for attr in &field.attrs {
            if !misplaced(cx, attr, position)
                && *attr.path() == symbol::HEADER
                && let Some(parsed) = parse_header(cx, attr)
            {
                header.set_once(attr, || parsed);
            }
        }
        Field {
            header: header.get(),
        }
    }
}

/// A value that one position may give once (serde's `Attr<T>`): the second is reported with a
/// note on the first, and dropped.
struct Attr<'c, T> {
    cx: &'c Ctxt,
    /// The value and the tokens that gave it.
    value: Option<(TokenStream, T)>,
    twice: &'static str,
    first_is_here: &'static str,
}

impl<'c, T> Attr<'c, T> {
    fn new(cx: &'c Ctxt, twice: &'static str, first_is_here: &'static str) -> Self {
        Attr {
            cx,
            value: None,
            twice,
            first_is_here,
        }
    }

    /// Records the value `tokens` give, computed only if it is the first.
    fn set_once(&mut self, tokens: impl ToTokens, value: impl FnOnce() -> T) {
        match &self.value {
            Some((first, _)) => self.cx.twice(first, tokens, self.twice, self.first_is_here),
            None => self.value = Some((tokens.into_token_stream(), value())),
        }
    }

    fn get(self) -> Option<T> {
        self.value.map(|(_, value)| value)
    }
}

/// Is this one of the attributes that say which statuses a variant handles (`#[on]` and the
/// catch-alls)?
fn is_status_attr(attr: &Attribute) -> bool {
    *attr.path() == symbol::ON || CatchAll::from_path(attr.path()).is_some()
}

fn has_status_attr(attrs: &[Attribute]) -> bool {
    attrs.iter().any(is_status_attr)
}

/// Where each attribute goes: reports `attr` if it does not belong at `position`, and then
/// returns `true` (there is nothing more to read from it).
fn misplaced(cx: &Ctxt, attr: &Attribute, position: Position) -> bool {
    const HEADER_NOT_HERE: &str =
        "`#[header(...)]` goes on a field: it fills that field from one response header";
    let path = attr.path();
    let status = is_status_attr(attr);
    let header = *path == symbol::HEADER;
    let handler = *path == symbol::HANDLER;
    let retry = *path == symbol::RETRY;
    let message = match position {
        Position::Enum if retry => "`#[retry]` goes on the variants that are worth another attempt, not on the enum itself: write it on a failure variant such as `#[on(429, 503)] #[retry] Busy(Option<RetryAfter>)`".to_owned(),
        Position::Field | Position::HandlerField if retry => "`#[retry]` goes on a variant (or on a struct that only handles failures), not on a field: the wait is read from the variant's `RetryAfter` or `RateLimit` field by its type".to_owned(),
        Position::Enum if status => format!(
            "`#[{}]` goes on the variants of an enum, not on the enum itself",
            path_name(attr)
        ),
        Position::Enum if handler => "`#[handler]` goes on a struct, the handler's state: an enum lists outcomes, one variant each; remove `#[handler]` here".to_owned(),
        Position::Enum | Position::Struct | Position::Variant if header => HEADER_NOT_HERE.to_owned(),
        Position::Variant | Position::Field | Position::HandlerField if handler => {
            "`#[handler(...)]` goes on the struct itself, not on a variant or a field".to_owned()
        }
        Position::Field if status => format!(
            "`#[{}]` goes on a variant (or on a struct), not on a field: move it there",
            path_name(attr)
        ),
        Position::HandlerField if status || header => format!(
            "`#[{}]` on a handler's field: a handler's fields are its state, not read from the response; read the response in the handler's methods (`response.extract::<T>()`)",
            path_name(attr)
        ),
        _ => return false,
    };
    cx.error_spanned_by(attr, message);
    true
}

fn path_name(attr: &Attribute) -> String {
    attr.path().to_token_stream().to_string().replace(' ', "")
}

/// Adds what `#[on(...)]` or a catch-all says to `matchers`; ignores other attributes.
fn parse_status_attr(cx: &Ctxt, attr: &Attribute, matchers: &mut Vec<Matcher>) {
    if *attr.path() == symbol::ON {
        parse_on(cx, attr, matchers);
    } else if let Some(catch_all) = CatchAll::from_path(attr.path()) {
        parse_catch_all(cx, attr, catch_all, matchers);
    }
}

fn parse_on(cx: &Ctxt, attr: &Attribute, matchers: &mut Vec<Matcher>) {
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

/// `call = method`: the handler method an attribute dispatches to.
fn parse_call(input: ParseStream) -> syn::Result<Ident> {
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
fn split_on_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut current = TokenStream::new();
    for token in tokens {
        match &token {
            TokenTree::Punct(punct) if punct.as_char() == ',' => {
                if current.is_empty() {
                    current.extend([token]);
                }
                items.push(core::mem::take(&mut current));
            }
            _ => current.extend([token]),
        }
    }
    if !current.is_empty() {
        items.push(current);
    }
    items
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

fn parse_catch_all(cx: &Ctxt, attr: &Attribute, catch_all: CatchAll, matchers: &mut Vec<Matcher>) {
    let call = match &attr.meta {
        Meta::Path(_) => None,
        // `#[on_success()]`: the empty parentheses have no tokens to point at.
        Meta::List(list) if list.tokens.is_empty() => {
            return cx.error_spanned_by(
                attr,
                format_args!(
                    "`#[{0}]` takes no arguments: write `#[{0}]`",
                    catch_all.symbol()
                ),
            );
        }
        // `#[on_success(call = ok)]`, in a handler.
        Meta::List(list) => match parse_call.parse2(list.tokens.clone()) {
            Ok(call) => Some(call),
            Err(_) => {
                return cx.error_spanned_by(
                    &list.tokens,
                    format_args!(
                        "`#[{0}]` takes no codes: write `#[{0}]`, and `#[on(...)]` for particular codes (in a handler: `#[{0}(call = method)]`)",
                        catch_all.symbol()
                    ),
                );
            }
        },
        Meta::NameValue(meta) => {
            return cx.error_spanned_by(
                &meta.value,
                format_args!(
                    "`#[{0}]` takes no value: write `#[{0}]`",
                    catch_all.symbol()
                ),
            );
        }
    };
    matchers.push(Matcher {
        kind: MatcherKind::CatchAll(catch_all),
        tokens: attr.to_token_stream(),
        call,
    });
}

fn parse_header(cx: &Ctxt, attr: &Attribute) -> Option<HeaderAttr> {
    const EXAMPLE: &str = "`#[header(\"x-request-id\")]`";
    let literal = match &attr.meta {
        Meta::List(list) => match syn::parse2::<LitStr>(list.tokens.clone()) {
            Ok(literal) => literal,
            Err(_) if list.tokens.is_empty() => {
                cx.error_spanned_by(
                    attr,
                    format_args!("`#[header()]` names no header: write its name, as in {EXAMPLE}"),
                );
                return None;
            }
            Err(_) => {
                let message = match syn::parse2::<Ident>(list.tokens.clone()) {
                    Ok(ident) => format!(
                        "the header's name is a string: write `#[header(\"{}\")]`",
                        ident.to_string().replace('_', "-")
                    ),
                    Err(_) => format!(
                        "`#[header(...)]` takes one string, the header's name, as in {EXAMPLE}"
                    ),
                };
                cx.error_spanned_by(&list.tokens, message);
                return None;
            }
        },
        Meta::Path(_) => {
            cx.error_spanned_by(
                attr,
                format_args!("`#[header]` needs the header's name, as in {EXAMPLE}"),
            );
            return None;
        }
        Meta::NameValue(_) => {
            cx.error_spanned_by(
                attr,
                format_args!("the header's name goes in parentheses: write {EXAMPLE}"),
            );
            return None;
        }
    };
    let name = literal.value();
    if name.is_empty() {
        cx.error_spanned_by(
            &literal,
            format_args!("the header's name is empty: write it, as in {EXAMPLE}"),
        );
        return None;
    }
    if let Some(problem) = header_name_problem(&name) {
        cx.error_spanned_by(
            &literal,
            format_args!(
                "`{}` is not a valid header name: {problem}",
                name.escape_debug()
            ),
        );
        return None;
    }
    Some(HeaderAttr {
        name: name.to_ascii_lowercase(),
    })
}

/// Why a non-empty `name` is not an RFC 9110 field name (a `token`), if it is not one.
fn header_name_problem(name: &str) -> Option<String> {
    const TOKEN_SYMBOLS: &str = "!#$%&'*+-.^_`|~";
    let bad = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || TOKEN_SYMBOLS.contains(*c)))?;
    let bad = match bad {
        ' ' => "a space".to_owned(),
        _ => format!("{bad:?}"),
    };
    Some(format!(
        "it contains {bad}; header names are made of letters, digits and `{TOKEN_SYMBOLS}`, as in `x-request-id`"
    ))
}

/// `#[retry]`, once and without arguments: the wait comes from the variant's typed fields, the
/// number of attempts and the backoff from the retry policy.
fn parse_retry(cx: &Ctxt, attrs: &[Attribute]) -> Option<TokenStream> {
    let mut retry = Attr::new(
        cx,
        "duplicate `#[retry]`: one is enough",
        "the first `#[retry]` is here",
    );
    for attr in attrs.iter().filter(|attr| *attr.path() == symbol::RETRY) {
        let arguments = match &attr.meta {
            Meta::Path(_) => None,
            Meta::List(list) => Some(list.to_token_stream()),
            Meta::NameValue(meta) => Some(meta.value.to_token_stream()),
        };
        if let Some(arguments) = arguments {
            cx.error_spanned_by(
                arguments,
                "`#[retry]` takes no arguments: write `#[retry]`; the wait comes from the variant's `RetryAfter` or `RateLimit` field, the number of attempts and the backoff from the retry policy",
            );
        }
        let path = attr.path();
        retry.set_once(path, || path.to_token_stream());
    }
    retry.get()
}

fn parse_handler(cx: &Ctxt, attr: &Attribute) -> HandlerConfig {
    const USAGE: &str = "write `#[handler(output = Result<User, AppError>)]`";
    let mut output = None;
    let mut error = None;
    let mut asyncness = false;
    let parsed = match &attr.meta {
        Meta::List(list) if !list.tokens.is_empty() => attr.parse_nested_meta(|meta| {
            if meta.path == symbol::OUTPUT {
                output = Some(meta.value()?.parse()?);
            } else if meta.path == symbol::ERROR {
                error = Some(meta.value()?.parse()?);
            } else if meta.path == symbol::ASYNC {
                if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                    return Err(meta.error(
                        "`async` takes no value: write `#[handler(output = ..., async)]`",
                    ));
                }
                asyncness = true;
            } else {
                let key = meta.path.to_token_stream().to_string();
                return Err(meta.error(format_args!(
                    "unknown key `{key}` in `#[handler(...)]`: it takes `output = Type`, `error = method` and `async`"
                )));
            }
            Ok(())
        }),
        _ => Ok(()),
    };
    match parsed {
        Err(error) => cx.syn_error(error),
        Ok(()) if output.is_none() => cx.error_spanned_by(
            attr,
            format_args!("a handler needs its `output`, the type every method returns: {USAGE}"),
        ),
        Ok(()) => {}
    }
    HandlerConfig {
        output: output.unwrap_or_else(|| syn::parse_quote!(_)),
        error,
        asyncness,
    }
}

#[cfg(test)]
mod tests {
    use syn::parse_quote;

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

    #[test]
    fn class_patterns_name_the_catch_all() {
        let message = |tokens| matcher(tokens).err().unwrap().to_string();
        assert!(message(quote::quote!(2xx)).contains("`#[on_success]`"));
        assert!(message(quote::quote!(5XX)).contains("`#[on_server_error]`"));
        assert!(message(quote::quote!("4XX")).contains("`#[on_client_error]`"));
        assert!(message(quote::quote!(7xx)).contains("not a status class"));
    }

    #[test]
    fn a_second_value_is_reported_with_the_first() {
        let cx = Ctxt::new();
        let mut attr = Attr::new(&cx, "twice", "first here");
        let first: Ident = parse_quote!(a);
        attr.set_once(&first, || 1);
        attr.set_once(&first, || unreachable!("only the first value is computed"));
        assert_eq!(attr.get(), Some(1));
        let error = cx.check().unwrap_err();
        let messages: Vec<String> = error.into_iter().map(|error| error.to_string()).collect();
        assert_eq!(messages, ["twice", "first here"]);
    }
}
