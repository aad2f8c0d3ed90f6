//! Parsing of the derive's attributes, one position at a time (serde's `attr.rs`): `Container`,
//! `Variant` and `Field` each have a `from_ast` that reads the attributes found there, and
//! `misplaced` says, in one place, which attribute goes where. The grammar inside `#[on(...)]`
//! is `status_grammar.rs`'s; rules that involve several attributes live in `valid.rs`.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, DeriveInput, Ident, LitStr, Meta, Path, Token};

use crate::ctxt::{Attr, Ctxt};
use crate::matcher::{CatchAll, Matcher, MatcherKind};
use crate::next_page::{self, NextPageAttr};
use crate::private::Private;
use crate::status_grammar::{parse_call, parse_on};
use crate::symbol;

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

/// `#[retry]`, or `#[retry(when_asked)]`.
#[derive(Clone)]
pub struct Retry {
    /// The tokens of its path, for error spans.
    pub path: TokenStream,
    /// `when_asked`, for error spans: the variant is retried only when one of its fields
    /// carries a wait the server asked for, and final otherwise.
    pub when_asked: Option<Ident>,
}

/// The attributes of the derived type itself.
pub struct Container {
    /// For a struct: the statuses it handles. Always empty for an enum (reported there).
    pub matchers: Vec<Matcher>,
    /// Whether it has any status attribute, valid or not (see [`Variant::has_status_attr`]).
    pub has_status_attr: bool,
    pub handler: Option<HandlerConfig>,
    /// `#[retry]` on a struct.
    pub retry: Option<Retry>,
    /// Where generated code finds the runtime (`#[response_handler(crate = "path")]`). `None`
    /// when a `crate = ...` was given but could not be read (reported): no path is then known
    /// to be right.
    pub private: Option<Private>,
    /// `#[response_handler(manual_next_page)]`: the type implements `NextPage` by hand, so its
    /// `Link` fields derive none. The key's tokens, for errors.
    pub manual_next_page: Option<TokenStream>,
}

/// The attributes of an enum variant.
pub struct Variant {
    pub matchers: Vec<Matcher>,
    pub retry: Option<Retry>,
    /// Whether it has any status attribute (`#[on]`, `#[on_success]`, ...), valid or not: a
    /// variant whose only `#[on(...)]` is malformed already has an error, and must not get
    /// "handles no status" too.
    pub has_status_attr: bool,
}

/// The attributes of a field.
pub struct Field {
    pub header: Option<HeaderAttr>,
    pub next_page: Option<NextPageAttr>,
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
        let (private, manual_next_page) = parse_response_handler(cx, &input.attrs);
        Container {
            matchers,
            has_status_attr: has_status_attr(&input.attrs),
            handler: handler.get(),
            retry,
            private,
            manual_next_page,
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
        let mut next_page = Attr::new(
            cx,
            "duplicate `#[next_page]`: a field names the next page once",
            "the first `#[next_page]` of this field is here",
        );
        for attr in &field.attrs {
            if misplaced(cx, attr, position) {
                continue;
            }
            if *attr.path() == symbol::HEADER
                && let Some(parsed) = parse_header(cx, attr)
            {
                header.set_once(attr, || parsed);
            }
            if next_page::is_next_page(attr)
                && let Some(parsed) = next_page::parse(cx, attr)
            {
                next_page.set_once(attr, || parsed);
            }
        }
        Field {
            header: header.get(),
            next_page: next_page.get(),
        }
    }
}

/// Is this one of the attributes that say which statuses a variant handles (`#[on]` and the
/// catch-alls)?
/// `name`: the attribute's, from `symbol::name_of`.
fn is_status_attr(name: Option<&str>) -> bool {
    symbol::ON.is(name)
        || CatchAll::from_name(name).is_some()
        || symbol::ON_REDIRECT_RENAMED.is(name)
}

fn has_status_attr(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .any(|attr| is_status_attr(symbol::name_of(attr.path()).as_deref()))
}

/// Where each attribute goes: reports `attr` if it does not belong at `position`, and then
/// returns `true` (there is nothing more to read from it).
fn misplaced(cx: &Ctxt, attr: &Attribute, position: Position) -> bool {
    const HEADER_NOT_HERE: &str =
        "`#[header(...)]` goes on a field: it fills that field from one response header";
    let name = symbol::name_of(attr.path());
    let name = name.as_deref();
    let status = is_status_attr(name);
    let header = symbol::HEADER.is(name);
    let handler = symbol::HANDLER.is(name);
    let retry = symbol::RETRY.is(name);
    let response_handler = symbol::RESPONSE_HANDLER.is(name);
    let next_page = symbol::NEXT_PAGE.is(name);
    let message = match position {
        Position::Enum | Position::Struct | Position::Variant if next_page => "`#[next_page]` goes on a field: the `Link` field (or the cursor field, `#[next_page(query = \"cursor\")]`) that names the next page".to_owned(),
        Position::HandlerField if next_page => "`#[next_page]` on a handler's field: a handler's fields are its state, not read from the response; paginate with a derived outcome type".to_owned(),
        Position::Variant | Position::Field | Position::HandlerField if response_handler => {
            "`#[response_handler(...)]` goes on the type itself, not on a variant or a field: it says how the whole derive reaches the runtime".to_owned()
        }
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
    let name = symbol::name_of(attr.path());
    let name = name.as_deref();
    if symbol::ON.is(name) {
        parse_on(cx, attr, matchers);
    } else if let Some(catch_all) = CatchAll::from_name(name) {
        parse_catch_all(cx, attr, catch_all, matchers);
    } else if symbol::ON_REDIRECT_RENAMED.is(name) {
        cx.error_spanned_by(
            attr.path(),
            format_args!(
                "`#[{}]` was renamed: write `#[{}]`",
                symbol::ON_REDIRECT_RENAMED,
                symbol::ON_REDIRECTION
            ),
        );
        // Read as what it meant, so that the rest of the input is checked as the user meant it
        // (a second 3xx catch-all is still a duplicate) and the variant handles a status.
        parse_catch_all(cx, attr, CatchAll::Redirection, matchers);
    }
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

/// `#[retry]` or `#[retry(when_asked)]`, once: the wait comes from the variant's typed fields,
/// the number of attempts and the backoff from the retry policy.
fn parse_retry(cx: &Ctxt, attrs: &[Attribute]) -> Option<Retry> {
    const USAGE: &str = "write `#[retry]` to retry this variant (after the wait its `RetryAfter`, `RetryInfo` or `RateLimit` field carries, else the retry policy's backoff), or `#[retry(when_asked)]` to retry it only when such a field carries a wait the server asked for; the number of attempts and the backoff come from the retry policy";
    let mut retry = Attr::new(
        cx,
        "duplicate `#[retry]`: one is enough",
        "the first `#[retry]` is here",
    );
    for attr in attrs.iter().filter(|attr| *attr.path() == symbol::RETRY) {
        let when_asked = match &attr.meta {
            Meta::Path(_) => None,
            Meta::List(list) => match syn::parse2::<Ident>(list.tokens.clone()) {
                Ok(word) if word == symbol::WHEN_ASKED => Some(word),
                Ok(word) => {
                    cx.error_spanned_by(
                        &word,
                        format_args!("unknown `#[retry]` argument `{word}`: the only one is `when_asked`; {USAGE}"),
                    );
                    None
                }
                Err(_) => {
                    cx.error_spanned_by(
                        list.to_token_stream(),
                        format_args!("`#[retry]` takes no arguments but `when_asked`: {USAGE}"),
                    );
                    None
                }
            },
            Meta::NameValue(meta) => {
                cx.error_spanned_by(
                    meta.value.to_token_stream(),
                    format_args!("`#[retry]` takes no value: {USAGE}"),
                );
                None
            }
        };
        let path = attr.path();
        retry.set_once(path, || Retry {
            path: path.to_token_stream(),
            when_asked,
        });
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

/// `#[response_handler(crate = "path", manual_next_page)]` on the type.
///
/// `crate`: the path at which the runtime is reached, for a crate that re-exports it (serde's
/// `#[serde(crate = "...")]`): `Some(default)` without it; `None` when a `crate = ...` was
/// given and could not be read. `manual_next_page`: its tokens, when given.
fn parse_response_handler(
    cx: &Ctxt,
    attrs: &[Attribute],
) -> (Option<Private>, Option<TokenStream>) {
    const USAGE: &str = "write `#[response_handler(crate = \"my_sdk::response_handler\")]`, the path at which a crate re-exports `response_handler`, or `#[response_handler(manual_next_page)]` for a type that implements `NextPage` by hand";
    let mut krate = Attr::new(
        cx,
        "duplicate `crate` in `#[response_handler(...)]`: the runtime is reached through one path; remove this one",
        "the first `crate` is here",
    );
    let mut manual = Attr::new(
        cx,
        "duplicate `manual_next_page` in `#[response_handler(...)]`: remove this one",
        "the first `manual_next_page` is here",
    );
    let mut unread = false;
    for attr in attrs
        .iter()
        .filter(|attr| *attr.path() == symbol::RESPONSE_HANDLER)
    {
        let list = match &attr.meta {
            Meta::List(list) => list,
            Meta::Path(_) | Meta::NameValue(_) => {
                cx.error_spanned_by(
                    attr,
                    format_args!(
                        "`#[response_handler]` takes its settings in parentheses: {USAGE}"
                    ),
                );
                continue;
            }
        };
        if list.tokens.is_empty() {
            cx.error_spanned_by(
                attr,
                format_args!("`#[response_handler()]` sets nothing: {USAGE}, or remove it"),
            );
            continue;
        }
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path == symbol::CRATE {
                let key = meta.path.clone();
                if !meta.input.peek(Token![=]) {
                    return Err(meta.error(format_args!("`crate` takes a value: {USAGE}")));
                }
                let path = parse_crate_path(meta.value()?);
                // A value that cannot be read still counts as given: a second `crate` is a
                // duplicate either way.
                krate.set_once(&key, || path.as_ref().ok().cloned());
                path.map(drop)
            } else if meta.path == symbol::MANUAL_NEXT_PAGE {
                let key = meta.path.to_token_stream();
                if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                    cx.syn_error(meta.error(
                        "`manual_next_page` takes no value: write `#[response_handler(manual_next_page)]`",
                    ));
                    skip_to_comma(meta.input)?;
                }
                manual.set_once(&key, || key.clone());
                Ok(())
            } else {
                let key = meta.path.to_token_stream().to_string().replace(' ', "");
                cx.syn_error(meta.error(format_args!(
                    "unknown `response_handler` attribute `{key}`: the settings are `crate = \"path\"`, the path at which a crate re-exports `response_handler`, and `manual_next_page`, for a type that implements `NextPage` by hand"
                )));
                skip_to_comma(meta.input)
            }
        });
        if let Err(error) = parsed {
            // What came after the mistake in this attribute was not read.
            unread = true;
            cx.syn_error(error);
        }
    }
    let private = match krate.get() {
        Some(Some(path)) => Some(Private::new(Some(path))),
        Some(None) => None,
        None if unread => None,
        None => Some(Private::default()),
    };
    (private, manual.get())
}

/// Skips what follows an unknown key (`= value`, `(...)`), so that the keys after it are read.
fn skip_to_comma(input: ParseStream) -> syn::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((token, next)) = rest.token_tree() {
            if matches!(&token, TokenTree::Punct(punct) if punct.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    })
}

/// The value of `crate = "path"`: a string holding a module path (`my_sdk::response_handler`,
/// `::my_sdk::rh`), as in serde.
fn parse_crate_path(input: ParseStream) -> syn::Result<Path> {
    const EXAMPLE: &str = "`crate = \"my_sdk::response_handler\"`";
    if !input.peek(LitStr) {
        let tokens = input.parse::<Path>().map(|path| path.to_token_stream());
        return Err(match tokens {
            Ok(path) => {
                let written = path.to_string().replace(' ', "");
                syn::Error::new_spanned(
                    path,
                    format_args!("the crate path is a string: write `crate = \"{written}\"`"),
                )
            }
            Err(_) => input.error(format_args!(
                "expected the crate path as a string, as in {EXAMPLE}"
            )),
        });
    }
    let literal: LitStr = input.parse()?;
    let value = literal.value();
    literal.parse_with(Path::parse_mod_style).map_err(|_| {
        syn::Error::new_spanned(
            &literal,
            format_args!(
                "`{}` is not a path: write the path at which a crate re-exports `response_handler`, as in {EXAMPLE}",
                value.escape_debug()
            ),
        )
    })
}
