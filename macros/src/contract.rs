//! The check of `#[openapi::contract]`: an outcome type held against the operation an OpenAPI
//! description declares. The attribute (crate `response-handler-openapi-macros`) reads the
//! description and leaves the operation's facts on the item as the hidden helper attribute
//! `#[__response_handler_contract(file = "...", operation = "...", responses = "...")]`, one
//! line per response, `STATUS|header,header|media/type,media/type|json` (`json` when the
//! description's reader counts a media type as JSON); this file reads them back
//! and checks them against the derive's own view of its `#[on]` attributes:
//!
//! - a status, range or `default` the operation declares that no variant handles;
//! - a variant for a code or range the operation never mentions (unless
//!   `undocumented = [CODE]`);
//! - a `Location`, `Link`, `ETag`, `Retry-After` or rate-limit header a response declares that
//!   the variant handling it does not read (unless `unread_headers = ["name"]`);
//! - a field that reads the body of a response without content (a `const` evaluated by rustc:
//!   only it knows whether a type reads the body);
//! - a `Json<_>` field on a response whose media types are not JSON.

use proc_macro2::TokenStream;
use quote::quote_spanned;
use syn::{Attribute, LitInt, LitStr, Token};

use crate::ast::{Field, Input, Variant};
use crate::ctxt::Ctxt;
use crate::generics::GenericParams;
use crate::matcher::{CatchAll, MatcherKind};
use crate::{status, symbol, ty};

/// What `#[__response_handler_contract(...)]` says.
pub struct Contract {
    file: String,
    operation: LitStr,
    responses: Vec<Declared>,
    undocumented: Vec<u16>,
    unread_headers: Vec<String>,
}

/// One response the operation declares.
struct Declared {
    key: Key,
    /// Lowercase.
    headers: Vec<String>,
    media: Vec<String>,
    /// Whether one of `media` is JSON, as the description's reader decides it.
    json: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Code(u16),
    /// The hundred: `4` for `4XX`.
    Range(u16),
    Default,
}

impl Key {
    fn parse(text: &str) -> Option<Key> {
        if text == "default" {
            return Some(Key::Default);
        }
        if let Some(hundred) = text.strip_suffix("XX") {
            return hundred
                .parse()
                .ok()
                .filter(|hundred| (1..=5).contains(hundred))
                .map(Key::Range);
        }
        text.parse()
            .ok()
            .filter(|code| (100..=599).contains(code))
            .map(Key::Code)
    }

    fn codes(self) -> core::ops::RangeInclusive<u16> {
        match self {
            Key::Code(code) => code..=code,
            Key::Range(hundred) => hundred * 100..=hundred * 100 + 99,
            Key::Default => 100..=599,
        }
    }

    fn describe(self) -> String {
        match self {
            Key::Code(code) => status::describe(code),
            Key::Range(hundred) => format!("`{hundred}XX`"),
            Key::Default => "`default`".to_owned(),
        }
    }
}

/// The facts the contract attribute left on `attrs`, if any.
pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Option<Contract> {
    let attr = attrs.iter().find(|attr| *attr.path() == symbol::CONTRACT)?;
    let mut file = String::new();
    let mut operation = None;
    let mut responses = Vec::new();
    let mut undocumented = Vec::new();
    let mut unread_headers = Vec::new();
    let result = attr.parse_nested_meta(|meta| {
        if meta.path.is_ident("file") {
            file = meta.value()?.parse::<LitStr>()?.value();
        } else if meta.path.is_ident("operation") {
            operation = Some(meta.value()?.parse::<LitStr>()?);
        } else if meta.path.is_ident("responses") {
            let facts = meta.value()?.parse::<LitStr>()?;
            for line in facts.value().lines() {
                let mut parts = line.split('|');
                let key = parts.next().and_then(Key::parse);
                let list = |part: Option<&str>| -> Vec<String> {
                    part.unwrap_or_default()
                        .split(',')
                        .filter(|item| !item.is_empty())
                        .map(str::to_owned)
                        .collect()
                };
                let headers = list(parts.next());
                let media = list(parts.next());
                let json = parts.next() == Some("json");
                match key {
                    Some(key) => responses.push(Declared {
                        key,
                        headers,
                        media,
                        json,
                    }),
                    None => return Err(meta.error("malformed contract facts")),
                }
            }
        } else if meta.path.is_ident("undocumented") {
            let value = meta.value()?;
            let content;
            syn::bracketed!(content in value);
            for code in content.parse_terminated(<LitInt as syn::parse::Parse>::parse, Token![,])? {
                undocumented.push(code.base10_parse()?);
            }
        } else if meta.path.is_ident("unread_headers") {
            let value = meta.value()?;
            let content;
            syn::bracketed!(content in value);
            for name in content.parse_terminated(<LitStr as syn::parse::Parse>::parse, Token![,])? {
                unread_headers.push(name.value().to_ascii_lowercase());
            }
        } else {
            return Err(meta.error("unknown key of the contract's facts"));
        }
        Ok(())
    });
    if let Err(error) = result {
        cx.syn_error(error);
        return None;
    }
    Some(Contract {
        file,
        operation: operation?,
        responses,
        undocumented,
        unread_headers,
    })
}

impl Contract {
    fn operation(&self) -> String {
        format!("`{}` in `{}`", self.operation.value(), self.file)
    }

    fn declared_list(&self) -> String {
        let keys: Vec<String> = self
            .responses
            .iter()
            .map(|response| match response.key {
                Key::Code(code) => code.to_string(),
                Key::Range(hundred) => format!("{hundred}XX"),
                Key::Default => "default".to_owned(),
            })
            .collect();
        keys.join(", ")
    }
}

/// Every rule that needs only the attributes; errors go to `cx`.
pub fn check(cx: &Ctxt, input: &Input, contract: &Contract) {
    if input.handler.is_some() {
        cx.error_spanned_by(
            &contract.operation,
            "`#[openapi::contract]` checks an outcome type; a handler's methods are not checked: remove the attribute",
        );
        return;
    }
    check_declared_handled(cx, input, contract);
    check_documented(cx, input, contract);
    check_headers_read(cx, input, contract);
    check_json_media(cx, input, contract);
}

/// The variant a code goes to, by the derive's precedence: code, range, class catch-all,
/// `#[on_failure]`, `#[fallback]`.
fn handler_of<'v, 'a>(variants: &'v [Variant<'a>], code: u16) -> Option<&'v Variant<'a>> {
    let rank = |kind: MatcherKind| -> Option<u8> {
        match kind {
            MatcherKind::Code(own) if own == code => Some(0),
            MatcherKind::Range(first, last) if (first..=last).contains(&code) => Some(1),
            MatcherKind::CatchAll(CatchAll::Failure)
                if CatchAll::Failure.codes().contains(&code) =>
            {
                Some(3)
            }
            MatcherKind::CatchAll(CatchAll::Fallback) => Some(4),
            MatcherKind::CatchAll(catch_all) if catch_all.codes().contains(&code) => Some(2),
            _ => None,
        }
    };
    variants
        .iter()
        .flat_map(|variant| {
            variant
                .matchers
                .iter()
                .filter_map(move |matcher| Some((rank(matcher.kind)?, variant)))
        })
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, variant)| variant)
}

/// The catch-all attribute that covers `key`, for the "how to fix".
fn catch_all_for(key: Key) -> &'static str {
    let hundred = match key {
        Key::Code(code) => code / 100,
        Key::Range(hundred) => hundred,
        Key::Default => return "#[fallback]",
    };
    match hundred {
        1 => "#[on_informational]",
        2 => "#[on_success]",
        3 => "#[on_redirection]",
        4 => "#[on_client_error]",
        _ => "#[on_server_error]",
    }
}

fn check_declared_handled(cx: &Ctxt, input: &Input, contract: &Contract) {
    let variants = input.variants();
    for response in &contract.responses {
        let unhandled = response
            .key
            .codes()
            .find(|&code| handler_of(variants, code).is_none());
        let Some(code) = unhandled else {
            continue;
        };
        let fix = match response.key {
            Key::Code(code) => format!(
                "add a variant such as `#[on({code})] {}`, or a catch-all that covers it (`{}`, `#[fallback]`)",
                variant_name_for(code),
                catch_all_for(response.key)
            ),
            Key::Range(_) => format!(
                "add a variant with `{}` (or `#[on_failure]`, `#[fallback]`)",
                catch_all_for(response.key)
            ),
            Key::Default => "add a `#[fallback]` variant".to_owned(),
        };
        let what = match response.key {
            Key::Code(_) => String::new(),
            _ => format!(" (no variant handles {code})"),
        };
        cx.error_spanned_by(
            &input.original.ident,
            format_args!(
                "{} declares {}, which `{}` does not handle{what}: {fix}",
                contract.operation(),
                response.key.describe(),
                input.original.ident
            ),
        );
    }
}

/// `NotModified` for 304, for the suggestion.
fn variant_name_for(code: u16) -> String {
    let described = status::describe(code);
    let reason = described.split_once(' ').map_or("", |(_, reason)| reason);
    let name: String = reason
        .split(|c: char| !c.is_ascii_alphanumeric())
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
            })
        })
        .collect();
    if name.is_empty() {
        format!("Status{code}")
    } else {
        name
    }
}

fn check_documented(cx: &Ctxt, input: &Input, contract: &Contract) {
    if contract
        .responses
        .iter()
        .any(|response| response.key == Key::Default)
    {
        return;
    }
    let mentioned = |code: u16| {
        contract
            .responses
            .iter()
            .any(|response| response.key.codes().contains(&code))
    };
    for (variant, matcher) in input.matchers() {
        let (codes, shown) = match matcher.kind {
            MatcherKind::Code(code) => (code..=code, code.to_string()),
            MatcherKind::Range(first, last) => (first..=last, format!("{first}..={last}")),
            MatcherKind::CatchAll(_) => continue,
        };
        let allowed = codes
            .clone()
            .any(|code| contract.undocumented.contains(&code));
        if allowed || codes.clone().any(mentioned) {
            continue;
        }
        cx.error_spanned_by(
            &matcher.tokens,
            format_args!(
                "`{}` handles {shown}, which {} never mentions (it declares {}): remove it, or, as servers answer more than they document, allow it with `undocumented = [{}]` in `#[openapi::contract(...)]`",
                variant.name(),
                contract.operation(),
                contract.declared_list(),
                codes.start()
            ),
        );
    }
}

/// The headers the check asks to be read, as (the name to show, the field that reads it).
fn important_header(lower: &str) -> Option<(&'static str, &'static str)> {
    Some(match lower {
        "location" => ("Location", "location: Option<Location>"),
        "link" => ("Link", "link: Option<Link>"),
        "etag" => ("ETag", "etag: Option<ETag>"),
        "retry-after" => ("Retry-After", "retry_after: Option<RetryAfter>"),
        _ if is_rate_limit(lower) => ("rate-limit", "rate_limit: Option<RateLimit>"),
        _ => return None,
    })
}

fn is_rate_limit(lower: &str) -> bool {
    lower.starts_with("x-ratelimit-") || lower == "ratelimit" || lower.starts_with("ratelimit-")
}

/// Whether `field` reads the header `lower`: by `#[header("...")]`, by a typed header's type,
/// or by a type that holds every header.
fn reads_header(field: &Field, lower: &str) -> bool {
    if let Some(header) = &field.header {
        return header.name == lower || (is_rate_limit(lower) && is_rate_limit(&header.name));
    }
    let Some(name) = type_name(field.ty) else {
        return false;
    };
    match name.as_str() {
        "HeaderMap" | "BufferedResponse" => true,
        "Location" => lower == "location",
        "Link" => lower == "link",
        "ETag" => lower == "etag",
        "Validators" => lower == "etag" || lower == "last-modified",
        "RetryAfter" => lower == "retry-after",
        "RateLimit" => is_rate_limit(lower),
        "Wait" => lower == "retry-after" || is_rate_limit(lower),
        _ => false,
    }
}

/// The last segment of a field's type, through `Option` and `Result`.
fn type_name(field_ty: &syn::Type) -> Option<String> {
    let mut ty = field_ty;
    loop {
        let syn::Type::Path(path) = ty::ungroup(ty) else {
            return None;
        };
        let last = path.path.segments.last()?;
        if last.ident == "Option" || last.ident == "Result" {
            let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
                return None;
            };
            let Some(syn::GenericArgument::Type(inner)) = arguments.args.first() else {
                return None;
            };
            ty = inner;
            continue;
        }
        return Some(last.ident.to_string());
    }
}

fn check_headers_read(cx: &Ctxt, input: &Input, contract: &Contract) {
    let variants = input.variants();
    let mut reported: Vec<(String, &str)> = Vec::new();
    for response in &contract.responses {
        let Key::Code(code) = response.key else {
            continue;
        };
        let Some(variant) = handler_of(variants, code) else {
            continue;
        };
        for header in &response.headers {
            let Some((shown, field)) = important_header(header) else {
                continue;
            };
            let opted_out = contract
                .unread_headers
                .iter()
                .any(|name| name == header || (is_rate_limit(header) && is_rate_limit(name)));
            if opted_out
                || variant
                    .fields
                    .iter()
                    .any(|field| reads_header(field, header))
                || reported.contains(&(variant.name(), shown))
            {
                continue;
            }
            reported.push((variant.name(), shown));
            let opt_out = header;
            cx.error_spanned_by(
                variant.ident,
                format_args!(
                    "{} declares the {shown} header{} on {}, which `{}` handles without reading it: add a field `{field}` (or `#[header(\"{header}\")]`), or opt out with `unread_headers = [\"{opt_out}\"]` in `#[openapi::contract(...)]`",
                    contract.operation(),
                    if shown == "rate-limit" { format!(" (`{header}`)") } else { String::new() },
                    status::describe(code),
                    variant.name()
                ),
            );
        }
    }
}

fn check_json_media(cx: &Ctxt, input: &Input, contract: &Contract) {
    for variant in input.variants() {
        for response in &contract.responses {
            let Key::Code(code) = response.key else {
                continue;
            };
            let exact = variant
                .matchers
                .iter()
                .any(|matcher| matcher.kind == MatcherKind::Code(code));
            if !exact || response.media.is_empty() || response.json {
                continue;
            }
            for field in &variant.fields {
                if field.header.is_none() && type_name(field.ty).as_deref() == Some("Json") {
                    cx.error_spanned_by(
                        field.ty,
                        format_args!(
                            "field `{}` of `{}` decodes JSON, but {} declares {} with {} only: read it as `String` or `Bytes`",
                            field.display_name(),
                            variant.name(),
                            contract.operation(),
                            status::describe(code),
                            response.media.iter().map(|media| format!("`{media}`")).collect::<Vec<_>>().join(", ")
                        ),
                    );
                }
            }
        }
    }
}

/// For each variant that only codes without content reach (other than 1xx, 204 and 304,
/// which `no_body.rs` already checks), a `const` per field that fails when the field's type
/// reads the body.
pub fn body_checks(input: &Input, contract: &Contract, params: &GenericParams) -> TokenStream {
    let mut checks = TokenStream::new();
    for variant in input.variants() {
        let mut codes = Vec::new();
        let all_empty = !variant.matchers.is_empty()
            && variant.matchers.iter().all(|matcher| match matcher.kind {
                MatcherKind::Code(code) => {
                    codes.push(code);
                    contract.responses.iter().any(|response| {
                        response.key == Key::Code(code) && response.media.is_empty()
                    })
                }
                _ => false,
            });
        let no_body_rule = codes
            .iter()
            .all(|&code| code < 200 || code == 204 || code == 304);
        if !all_empty || no_body_rule {
            continue;
        }
        let described: Vec<String> = codes.iter().map(|&code| status::describe(code)).collect();
        for field in &variant.fields {
            if field.header.is_some() || params.mentioned_in(field.ty) {
                continue;
            }
            let message = format!(
                "field `{}` of `{}` reads the response body, but {} declares no content for {}: remove the field, or read a header with `#[header(\"name\")]`",
                field.display_name(),
                variant.name(),
                contract.operation(),
                described.join(", ")
            );
            let (start, end) = field.ty_spans;
            let as_extract = field.as_extract(&input.private);
            let arguments = quote_spanned!(end=> (#message));
            checks.extend(quote_spanned! {start=>
                const _: () = {
                    if #as_extract::READS_BODY {
                        ::core::panic! #arguments;
                    }
                };
            });
        }
    }
    checks
}
