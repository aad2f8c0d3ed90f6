//! Parsing of the derive's attributes, one attribute at a time. Rules that involve several
//! attributes live in `valid.rs`.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, Lit, LitInt, LitStr, Meta, Token};

use crate::ctxt::Ctxt;
use crate::status;
use crate::symbol::{self, Symbol};

/// The lowest and highest status a `#[on(...)]` may name.
pub const FIRST_STATUS: u16 = 100;
pub const LAST_STATUS: u16 = 599;

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
    /// `#[on(409)]`, `#[on(CONFLICT)]`.
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

    fn from_path(path: &syn::Path) -> Option<CatchAll> {
        CatchAll::ALL
            .into_iter()
            .find(|catch_all| *path == catch_all.symbol())
    }
}

/// `#[handler(output = Type, error = method)]` on a struct: it is a handler (see the runtime's
/// `Handler` trait), not an outcome.
pub struct HandlerConfig {
    /// What every method returns. `None` when missing (already reported).
    pub output: Option<syn::Type>,
    /// The method that turns a `response_handler::Error` into the output, if not the
    /// `FromResponseError` default.
    pub error: Option<Ident>,
    pub tokens: TokenStream,
}

/// A `#[header("name")]` on a field.
pub struct HeaderAttr {
    /// The name, lowercased (header names are case-insensitive).
    pub name: String,
    pub tokens: TokenStream,
}

/// Is this one of the attributes that say which statuses a variant handles?
fn is_handler_attr(attr: &Attribute) -> bool {
    *attr.path() == symbol::ON || CatchAll::from_path(attr.path()).is_some()
}

/// Does any of `attrs` say which statuses it handles, even if malformed?
pub fn declares_handler(attrs: &[Attribute]) -> bool {
    attrs.iter().any(is_handler_attr)
}

const HEADER_NOT_HERE: &str =
    "`#[header(...)]` goes on a field: it fills that field from one response header";

/// The matchers of a variant (or of a struct, from its container attributes).
pub fn matchers(cx: &Ctxt, attrs: &[Attribute]) -> Vec<Matcher> {
    let mut matchers = Vec::new();
    for attr in attrs {
        if *attr.path() == symbol::ON {
            parse_on(cx, attr, &mut matchers);
        } else if let Some(catch_all) = CatchAll::from_path(attr.path()) {
            parse_catch_all(cx, attr, catch_all, &mut matchers);
        } else if *attr.path() == symbol::HEADER {
            cx.error_spanned_by(attr, HEADER_NOT_HERE);
        }
    }
    matchers
}

/// Reports the derive's attributes where they mean nothing: on an enum itself.
pub fn reject_attrs_on_enum(cx: &Ctxt, attrs: &[Attribute]) {
    for attr in attrs {
        if is_handler_attr(attr) {
            cx.error_spanned_by(
                attr,
                format_args!(
                    "`#[{}]` goes on the variants of an enum, not on the enum itself",
                    path_name(attr)
                ),
            );
        } else if *attr.path() == symbol::HEADER {
            cx.error_spanned_by(attr, HEADER_NOT_HERE);
        }
    }
}

/// The `#[header("name")]` of a field, if any; reports handler attributes put on a field.
pub fn field_header(cx: &Ctxt, attrs: &[Attribute]) -> Option<HeaderAttr> {
    let mut found: Option<HeaderAttr> = None;
    for attr in attrs {
        if is_handler_attr(attr) {
            cx.error_spanned_by(
                attr,
                format_args!(
                    "`#[{}]` goes on a variant (or on a struct), not on a field: move it there",
                    path_name(attr)
                ),
            );
        } else if *attr.path() == symbol::HEADER {
            let Some(header) = parse_header(cx, attr) else {
                continue;
            };
            match &found {
                Some(first) => {
                    cx.error_spanned_by(attr, "duplicate `#[header]`: a field reads one header");
                    cx.error_spanned_by(
                        &first.tokens,
                        "the first `#[header]` of this field is here",
                    );
                }
                None => found = Some(header),
            }
        }
    }
    found
}

fn path_name(attr: &Attribute) -> String {
    attr.path().to_token_stream().to_string().replace(' ', "")
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
    let mut call: Option<Ident> = None;
    let first_new = matchers.len();
    for item in items {
        if let Ok(method) = parse_call.parse2(item.clone()) {
            match &call {
                Some(first) => {
                    cx.error_spanned_by(
                        &method,
                        "`call` is given twice: one `#[on(...)]` calls one method",
                    );
                    cx.error_spanned_by(first, "the first `call` is here");
                }
                None => call = Some(method),
            }
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
        let first = status_literal(&input.parse()?)?;
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
    if input.peek(syn::Ident) {
        let name: Ident = input.parse()?;
        if input.peek(Token![..]) {
            return Err(constant_range(&name, input));
        }
        return constant(&name).map(MatcherKind::Code);
    }
    if input.peek(Lit) {
        let lit: Lit = input.parse()?;
        let message = match &lit {
            Lit::Str(text) if text.value().parse::<u16>().is_ok() => format!(
                "status codes are integers, not strings: write `{}` without the quotes",
                text.value()
            ),
            _ => "expected a status code such as `409`, a `StatusCode` constant such as `CONFLICT`, or a range such as `500..=599`".to_owned(),
        };
        return Err(syn::Error::new_spanned(lit, message));
    }
    Err(input.error(
        "expected a status code such as `409`, a `StatusCode` constant such as `CONFLICT`, or a range such as `500..=599`",
    ))
}

/// The error for `BAD_REQUEST..=CONFLICT`, suggesting the numeric range when both names are known.
fn constant_range(first: &Ident, input: ParseStream) -> syn::Error {
    let last = input
        .parse::<Token![..=]>()
        .and_then(|_| input.parse::<Ident>())
        .ok()
        .and_then(|last| status::code_of(&last.to_string()));
    let example = match (status::code_of(&first.to_string()), last) {
        (Some(first), Some(last)) => format!("`{first}..={last}`"),
        _ => "`400..=499`".to_owned(),
    };
    syn::Error::new_spanned(
        first,
        format_args!("a range takes numeric codes, not constant names: write {example}"),
    )
}

fn status_literal(literal: &LitInt) -> syn::Result<u16> {
    match literal.base10_parse::<u16>() {
        Ok(code) if (FIRST_STATUS..=LAST_STATUS).contains(&code) => Ok(code),
        _ => Err(syn::Error::new_spanned(
            literal,
            format_args!(
                "status code `{}` is outside {FIRST_STATUS}..={LAST_STATUS}: name a code that HTTP defines; to catch anything else, use `#[on_failure]` or `#[fallback]`",
                literal.base10_digits()
            ),
        )),
    }
}

fn constant(name: &Ident) -> syn::Result<u16> {
    let text = name.to_string();
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
        tokens: attr.to_token_stream(),
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

/// The `#[handler(...)]` of a struct, if it has one.
pub fn handler_config(cx: &Ctxt, attrs: &[Attribute]) -> Option<HandlerConfig> {
    let mut found: Option<HandlerConfig> = None;
    for attr in attrs.iter().filter(|attr| *attr.path() == symbol::HANDLER) {
        if let Some(first) = &found {
            cx.error_spanned_by(
                attr,
                "duplicate `#[handler]`: give `output` and `error` in one",
            );
            cx.error_spanned_by(&first.tokens, "the first `#[handler]` is here");
            continue;
        }
        found = Some(parse_handler(cx, attr));
    }
    found
}

/// Reports `#[handler]` on an enum: handlers are structs.
pub fn reject_handler_on_enum(cx: &Ctxt, attrs: &[Attribute]) {
    for attr in attrs.iter().filter(|attr| *attr.path() == symbol::HANDLER) {
        cx.error_spanned_by(
            attr,
            "`#[handler]` goes on a struct, the handler's state: an enum lists outcomes, one variant each; remove `#[handler]` here",
        );
    }
}

fn parse_handler(cx: &Ctxt, attr: &Attribute) -> HandlerConfig {
    const USAGE: &str = "write `#[handler(output = Result<User, AppError>)]`";
    let mut config = HandlerConfig {
        output: None,
        error: None,
        tokens: attr.to_token_stream(),
    };
    let parsed = match &attr.meta {
        Meta::List(list) if !list.tokens.is_empty() => attr.parse_nested_meta(|meta| {
            if meta.path == symbol::OUTPUT {
                config.output = Some(meta.value()?.parse()?);
            } else if meta.path == symbol::ERROR {
                config.error = Some(meta.value()?.parse()?);
            } else {
                let key = meta.path.to_token_stream().to_string();
                return Err(meta.error(format_args!(
                    "unknown key `{key}` in `#[handler(...)]`: it takes `output = Type` and `error = method`"
                )));
            }
            Ok(())
        }),
        _ => Ok(()),
    };
    match parsed {
        Err(error) => cx.syn_error(error),
        Ok(()) if config.output.is_none() => cx.error_spanned_by(
            attr,
            format_args!("a handler needs its `output`, the type every method returns: {USAGE}"),
        ),
        Ok(()) => {}
    }
    config
}

/// Reports attributes on a handler's fields: they are the handler's state, not read from the
/// response.
pub fn reject_attrs_on_handler_field(cx: &Ctxt, attrs: &[Attribute]) {
    for attr in attrs
        .iter()
        .filter(|attr| is_handler_attr(attr) || *attr.path() == symbol::HEADER)
    {
        cx.error_spanned_by(
            attr,
            format_args!(
                "`#[{}]` on a handler's field: a handler's fields are its state, not read from the response; read the response in the handler's methods (`response.extract::<T>()`)",
                path_name(attr)
            ),
        );
    }
}
