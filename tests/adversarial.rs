//! The adversarial corpus: real-world-shaped malformed responses, each with the exact outcome it
//! must give. The cases live in `tests/adversarial/responses.txt` (its header explains the
//! format); this file builds each response, runs it through one of the derived types below,
//! renders the outcome as one line and compares it with the case's `expect`. After a change of
//! rendering, `ADVERSARIAL=overwrite cargo test --test adversarial` rewrites the `expect` lines;
//! read the diff: only the rendering may change.
//!
//! Every case also checks what every response must satisfy: no panic; an `Err` keeps the exact
//! status, version, headers and body that were given (the body of a 1xx/204/304 or of an answer
//! to `HEAD` is dropped by design); its `Display` is bounded and has no control character.

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use response_handler::{
    Allow, ContentType, ETag, Error, ErrorBody, ErrorKind, ExtractError, HeaderMap, HeaderName,
    HeaderValue, Json, Location, Problem, RateLimit, RequestContext, ResponseHandler, RetryAfter,
    RetryInfo, StatusCode, Validators, Wait, WwwAuthenticate, headers::RateLimitSource,
};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// The types the cases run through: between them, every typed header, `Problem`, `Json`,
// `String`, `Bytes`, `#[header]` fields, `Option<..>`, `Result<.., ExtractError>` and
// `ErrorBody`.
// ---------------------------------------------------------------------------------------------

/// A typical API call: one variant per seed status, with the typed headers each one carries.
#[derive(Debug, ResponseHandler)]
enum Api {
    #[on(200)]
    Ok {
        body: Option<Json<Value>>,
        validators: Option<Validators>,
        rate: Option<RateLimit>,
    },
    #[on(201, 202)]
    Created {
        location: Location,
        etag: Option<ETag>,
        retry: Option<RetryAfter>,
    },
    #[on(204)]
    NoContent(Option<Validators>),
    #[on(301, 302, 303, 307, 308)]
    Redirect(Location, Option<RetryAfter>),
    #[on(304)]
    NotModified(Validators),
    #[on(400, 409, 422)]
    Problem(Problem, Option<ContentType>),
    #[on(401)]
    Unauthorized(WwwAuthenticate),
    #[on(403)]
    Forbidden {
        problem: Option<Problem>,
        rate: Option<RateLimit>,
    },
    #[on(429, 503)]
    Throttled {
        retry: Option<RetryAfter>,
        rate: Option<RateLimit>,
    },
    #[on(500..=599)]
    Server(StatusCode, String),
    #[on_failure]
    Failed(StatusCode, Bytes),
}

/// Few variants and no catch-all: most statuses are `UnexpectedStatus`.
#[derive(Debug, ResponseHandler)]
enum Strict {
    #[on(200)]
    Data(Json<Value>),
    #[on(404)]
    Gone,
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct User {
    id: u64,
    name: String,
    #[serde(default)]
    role: Option<Role>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Role {
    Admin,
    Member,
}

/// A typed JSON body.
#[derive(Debug, ResponseHandler)]
enum Users {
    #[on(200)]
    Found(Json<User>),
    #[on(404)]
    Missing(Option<Problem>),
}

/// Google's wait in the error body.
#[derive(Debug, ResponseHandler)]
enum Google {
    #[on(429, 503)]
    Later(Option<RetryInfo>),
    #[on_failure]
    Failed(StatusCode),
}

/// Fields that never fail, and an error body that may be a gateway's page instead of the API's
/// JSON.
#[derive(Debug, ResponseHandler)]
enum Gateway {
    #[on_success]
    Ok {
        etag: Result<ETag, ExtractError>,
        media: Result<ContentType, ExtractError>,
        body: Result<Json<Value>, ExtractError>,
    },
    #[on(405)]
    NotAllowed(Allow),
    #[on_failure]
    Failed(StatusCode, ErrorBody<User>),
}

/// `#[header]` fields, parsed with `FromStr`.
#[derive(Debug, ResponseHandler)]
#[on_success]
struct Tracked {
    #[header("x-request-id")]
    request_id: Option<String>,
    #[header("x-total-count")]
    total: u32,
    text: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Rendering an outcome as one line.
// ---------------------------------------------------------------------------------------------

/// Values longer than this are shown by their length and [`fingerprint`].
const SHOWN: usize = 80;

/// FNV-1a (64 bits) of `bytes`: a value too long to show still decides the expectation, since
/// any change to any of its bytes changes the fingerprint.
fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("#{hash:016x}")
}

fn quoted(text: &str) -> String {
    let count = text.chars().count();
    if count > SHOWN {
        format!("<{count} chars {}>", fingerprint(text.as_bytes()))
    } else {
        format!("\"{}\"", text.escape_debug())
    }
}

/// Items one after another, separated by `separator`; a list of more than `SHOWN_ITEMS`
/// items, or a long one, shows its first items, how many more there are, and the fingerprint
/// of all of them.
fn listed(items: &[String], separator: &str) -> String {
    const SHOWN_ITEMS: usize = 4;
    let all = items.join(separator);
    if items.len() <= SHOWN_ITEMS && all.chars().count() <= 4 * SHOWN {
        return all;
    }
    let first: Vec<&str> = items.iter().take(2).map(String::as_str).collect();
    format!(
        "{}{separator}+{} more <{} items, {} chars {}>",
        first.join(separator),
        items.len() - first.len(),
        items.len(),
        all.chars().count(),
        fingerprint(all.as_bytes())
    )
}

fn moment(time: SystemTime) -> String {
    let (sign, since) = match time.duration_since(UNIX_EPOCH) {
        Ok(since) => ("", since),
        Err(before) => ("-", before.duration()),
    };
    match since.subsec_nanos() {
        0 => format!("@{sign}{}", since.as_secs()),
        nanos => format!("@{sign}{}.{nanos:09}", since.as_secs()),
    }
}

/// Whole seconds as `120s`; anything finer as `Duration`'s `Debug` (`1.5s`, `250ms`).
fn span(duration: std::time::Duration) -> String {
    if duration.subsec_nanos() == 0 {
        format!("{}s", duration.as_secs())
    } else {
        format!("{duration:?}")
    }
}

trait Render {
    fn render(&self) -> String;
}

impl<T: Render> Render for Option<T> {
    fn render(&self) -> String {
        self.as_ref()
            .map_or_else(|| "none".to_owned(), Render::render)
    }
}

impl Render for StatusCode {
    fn render(&self) -> String {
        self.as_u16().to_string()
    }
}

impl Render for String {
    fn render(&self) -> String {
        quoted(self)
    }
}

impl Render for Bytes {
    fn render(&self) -> String {
        if self.len() > SHOWN {
            format!("<{} bytes {}>", self.len(), fingerprint(self))
        } else {
            format!("b\"{}\"", self.escape_ascii())
        }
    }
}

impl Render for Json<Value> {
    fn render(&self) -> String {
        let text = self.0.to_string();
        if text.len() <= SHOWN {
            return text;
        }
        let kind = match &self.0 {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        format!(
            "<{kind}, {} bytes of JSON {}>",
            text.len(),
            fingerprint(text.as_bytes())
        )
    }
}

impl Render for Json<User> {
    fn render(&self) -> String {
        self.0.render()
    }
}

impl Render for User {
    fn render(&self) -> String {
        let role = match self.role {
            Some(Role::Admin) => "admin",
            Some(Role::Member) => "member",
            None => "none",
        };
        format!(
            "User(id={} name={} role={role})",
            self.id,
            quoted(&self.name)
        )
    }
}

impl Render for Location {
    fn render(&self) -> String {
        let resolved = self.resolved().map_or_else(|| "?".to_owned(), quoted);
        let origin = match self.same_origin() {
            Some(true) => "same-origin",
            Some(false) => "cross-origin",
            None => "origin unknown",
        };
        format!("{} -> {resolved} ({origin})", quoted(self.as_str()))
    }
}

impl Render for RetryAfter {
    fn render(&self) -> String {
        match self {
            RetryAfter(Wait::After(delay)) => format!("delay({})", span(*delay)),
            RetryAfter(Wait::At(date)) => format!("date({})", moment(*date)),
        }
    }
}

impl Render for RateLimit {
    fn render(&self) -> String {
        let source = match self.source() {
            RateLimitSource::Structured => "Structured",
            RateLimitSource::Fields => "Fields",
            RateLimitSource::XRateLimit => "XRateLimit",
            RateLimitSource::XRateDashLimit => "XRateDashLimit",
            RateLimitSource::OpenAi => "OpenAi",
            RateLimitSource::Anthropic => "Anthropic",
            _ => "unknown",
        };
        let mut parts = Vec::new();
        if let Some(policy) = self.policy() {
            parts.push(format!("policy={}", quoted(policy)));
        }
        if let Some(limit) = self.limit() {
            parts.push(format!("limit={limit}"));
        }
        if let Some(remaining) = self.remaining() {
            parts.push(format!("remaining={remaining}"));
        }
        match self.reset() {
            Some(Wait::After(delay)) => {
                parts.push(format!("reset=after({})", span(delay)));
            }
            Some(Wait::At(at)) => parts.push(format!("reset=at({})", moment(at))),
            None => {}
        }
        if let Some(window) = self.window() {
            parts.push(format!("window={}s", window.as_secs()));
        }
        format!("{source}({})", parts.join(" "))
    }
}

/// As written back (verbatim); a long one by its length and fingerprint.
impl Render for ETag {
    fn render(&self) -> String {
        unquoted(&self.to_string())
    }
}

/// `text` as is, or, when longer than [`SHOWN`], its length and fingerprint.
fn unquoted(text: &str) -> String {
    match quoted(text) {
        long if long.starts_with('<') => long,
        _ => text.to_owned(),
    }
}

impl Render for Validators {
    fn render(&self) -> String {
        let mut parts = Vec::new();
        if let Some(etag) = &self.etag {
            parts.push(format!("etag={}", etag.render()));
        }
        if let Some(modified) = &self.last_modified {
            parts.push(format!("last_modified={}", moment(modified.time())));
        }
        format!("({})", parts.join(" "))
    }
}

/// Every challenge, with its token68 and every parameter in order.
impl Render for WwwAuthenticate {
    fn render(&self) -> String {
        let challenges: Vec<String> = self
            .iter()
            .map(|challenge| {
                let mut parts = Vec::new();
                if let Some(token) = challenge.token68() {
                    parts.push(format!("token68={}", quoted(token)));
                }
                parts.extend(
                    challenge
                        .params()
                        .iter()
                        .map(|(name, value)| format!("{name}={}", quoted(value))),
                );
                format!("{}({})", challenge.scheme(), listed(&parts, " "))
            })
            .collect();
        format!("[{}]", listed(&challenges, ", "))
    }
}

impl Render for Problem {
    fn render(&self) -> String {
        let mut parts = vec![format!("type={}", quoted(self.problem_type()))];
        if let Some(title) = self.title() {
            parts.push(format!("title={}", quoted(title)));
        }
        if let Some(status) = self.status() {
            parts.push(format!("status={}", status.as_u16()));
        }
        if let Some(detail) = self.detail() {
            parts.push(format!("detail={}", quoted(detail)));
        }
        if !self.extensions().is_empty() {
            // Every member, with its value as JSON (a long one by its fingerprint).
            let members: Vec<String> = self
                .extensions()
                .iter()
                .map(|(name, value)| {
                    let json = value.to_string();
                    if json.chars().count() > SHOWN {
                        format!(
                            "{name}=<{} bytes of JSON {}>",
                            json.len(),
                            fingerprint(json.as_bytes())
                        )
                    } else {
                        format!("{name}={json}")
                    }
                })
                .collect();
            parts.push(format!("ext={{{}}}", listed(&members, " ")));
        }
        format!("({})", parts.join(" "))
    }
}

impl Render for ContentType {
    fn render(&self) -> String {
        unquoted(&self.to_string())
    }
}

impl Render for Api {
    fn render(&self) -> String {
        match self {
            Api::Ok {
                body,
                validators,
                rate,
            } => format!(
                "Ok body={} validators={} rate={}",
                body.render(),
                validators.render(),
                rate.render()
            ),
            Api::Created {
                location,
                etag,
                retry,
            } => format!(
                "Created location={} etag={} retry={}",
                location.render(),
                etag.render(),
                retry.render()
            ),
            Api::NoContent(validators) => format!("NoContent validators={}", validators.render()),
            Api::Redirect(location, retry) => format!(
                "Redirect location={} retry={}",
                location.render(),
                retry.render()
            ),
            Api::NotModified(validators) => {
                format!("NotModified validators={}", validators.render())
            }
            Api::Problem(problem, content_type) => format!(
                "Problem problem={} content_type={}",
                problem.render(),
                content_type.render()
            ),
            Api::Unauthorized(auth) => format!("Unauthorized auth={}", auth.render()),
            Api::Forbidden { problem, rate } => format!(
                "Forbidden problem={} rate={}",
                problem.render(),
                rate.render()
            ),
            Api::Throttled { retry, rate } => {
                format!("Throttled retry={} rate={}", retry.render(), rate.render())
            }
            Api::Server(status, text) => {
                format!("Server status={} text={}", status.render(), text.render())
            }
            Api::Failed(status, body) => {
                format!("Failed status={} body={}", status.render(), body.render())
            }
        }
    }
}

impl Render for Strict {
    fn render(&self) -> String {
        match self {
            Strict::Data(json) => format!("Data json={}", json.render()),
            Strict::Gone => "Gone".to_owned(),
        }
    }
}

impl Render for Google {
    fn render(&self) -> String {
        match self {
            Google::Later(info) => format!(
                "Later retry_info={}",
                info.as_ref()
                    .map_or_else(|| "none".to_owned(), |info| span(info.delay()))
            ),
            Google::Failed(status) => format!("Failed status={}", status.render()),
        }
    }
}

impl Render for Users {
    fn render(&self) -> String {
        match self {
            Users::Found(user) => format!("Found user={}", user.render()),
            Users::Missing(problem) => format!("Missing problem={}", problem.render()),
        }
    }
}

impl Render for Tracked {
    fn render(&self) -> String {
        format!(
            "Tracked request_id={} total={} text={}",
            self.request_id.render(),
            self.total,
            self.text.render()
        )
    }
}

impl<T: Render> Render for Result<T, ExtractError> {
    fn render(&self) -> String {
        match self {
            Ok(value) => value.render(),
            Err(error) => format!("err({})", render_extract_error(error)),
        }
    }
}

impl Render for Allow {
    fn render(&self) -> String {
        format!("[{self}]")
    }
}

impl Render for ErrorBody<User> {
    fn render(&self) -> String {
        match self {
            ErrorBody::Json(user) => format!("Json({})", user.render()),
            ErrorBody::Problem(problem) => format!("Problem{}", problem.render()),
            ErrorBody::InvalidJson { body, error } => format!(
                "InvalidJson(body={} error={})",
                Bytes::clone(body).render(),
                shown(&error.to_string())
            ),
            ErrorBody::Text(text) => format!("Text({})", quoted(text)),
            ErrorBody::Binary(bytes) => format!("Binary({})", bytes.render()),
            ErrorBody::Empty => "Empty".to_owned(),
        }
    }
}

impl Render for Gateway {
    fn render(&self) -> String {
        match self {
            Gateway::Ok { etag, media, body } => format!(
                "Ok etag={} media={} body={}",
                etag.render(),
                media.render(),
                body.render()
            ),
            Gateway::NotAllowed(allow) => format!("NotAllowed allow={}", allow.render()),
            Gateway::Failed(status, body) => {
                format!("Failed status={} body={}", status.render(), body.render())
            }
        }
    }
}

fn render_extract_error(error: &ExtractError) -> String {
    match error {
        ExtractError::MissingHeader(name) => format!("missing-header {name}"),
        ExtractError::InvalidHeader { name, error } => {
            format!("invalid-header {name}: {}", error.reason())
        }
        ExtractError::EmptyBody => "empty-body".to_owned(),
        ExtractError::InvalidUtf8(error) => format!("invalid-utf8: {error}"),
        ExtractError::Json(error) => format!("json: {}", shown(&error.to_string())),
        other => format!("other: {other}"),
    }
}

/// Control characters, and the invisible ones that reorder text (bidirectional overrides).
fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A message that may quote the body: unprintable characters escaped, and shortened when long.
fn shown(message: &str) -> String {
    let escaped: String = message
        .chars()
        .map(|c| {
            if is_unprintable(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    let length = escaped.chars().count();
    if length <= 200 {
        return escaped;
    }
    let head: String = escaped.chars().take(40).collect();
    let tail: String = escaped.chars().skip(length - 40).collect();
    format!(
        "{head}...{tail} <{length} chars {}>",
        fingerprint(escaped.as_bytes())
    )
}

fn render_error(error: &Error) -> String {
    match error.kind() {
        ErrorKind::UnexpectedStatus => "err unexpected-status".to_owned(),
        ErrorKind::Extract => {
            let extract = error.extract_error().expect("an extraction error says why");
            let site = match (error.variant(), error.field()) {
                (Some(variant), Some(field)) => format!("{variant}.{field}"),
                (None, Some(field)) => field.to_owned(),
                _ => "?".to_owned(),
            };
            format!("err {site}: {}", render_extract_error(extract))
        }
        other => format!("err other: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The data file.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Case {
    name: String,
    line: usize,
    about: String,
    target: String,
    request: Option<(String, String)>,
    status: u16,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
    expect: String,
    /// The line of `expect` in the file (0 when there is none).
    expect_line: usize,
}

/// A value: `"string"` terms, optionally repeated (`10_000 * "p\i=1, "`), joined with `+`.
/// Escapes inside strings: `\\ \" \r \n \t \0 \e` (ESC), `\xHH` (any byte) and `\i` (the
/// repetition's index, from 0).
fn parse_value(text: &str) -> Result<Vec<u8>, String> {
    parse_value_at(text, 0)
}

/// [`parse_value`], where `\i` outside a repetition is `line` (the index of a `lines` line).
fn parse_value_at(text: &str, line: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err("no value".into());
    }
    loop {
        let (count, after_count, repeated) = match rest.split_once('*') {
            Some((number, after)) if !number.trim_start().starts_with('"') => {
                let count: usize = number
                    .trim()
                    .replace('_', "")
                    .parse()
                    .map_err(|_| format!("bad repetition count `{}`", number.trim()))?;
                (count, after.trim_start(), true)
            }
            _ => (1, rest, false),
        };
        let (template, after) = parse_string(after_count)?;
        for index in 0..count {
            for piece in &template {
                match piece {
                    Piece::Bytes(bytes) => out.extend_from_slice(bytes),
                    Piece::Index => {
                        let shown = if repeated { index } else { line };
                        out.extend_from_slice(shown.to_string().as_bytes());
                    }
                }
            }
        }
        rest = after.trim_start();
        if rest.is_empty() {
            return Ok(out);
        }
        rest = rest
            .strip_prefix('+')
            .ok_or_else(|| format!("expected `+` before `{rest}`"))?
            .trim_start();
    }
}

enum Piece {
    Bytes(Vec<u8>),
    Index,
}

/// One quoted string at the start of `text`: its pieces, and what follows it.
fn parse_string(text: &str) -> Result<(Vec<Piece>, &str), String> {
    let mut chars = text
        .strip_prefix('"')
        .ok_or_else(|| format!("expected a quoted string at `{text}`"))?
        .char_indices();
    let body = &text[1..];
    let mut pieces = Vec::new();
    let mut bytes = Vec::new();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => {
                pieces.push(Piece::Bytes(bytes));
                return Ok((pieces, &body[index + 1..]));
            }
            '\\' => {
                let (_, escape) = chars.next().ok_or("a string ends in `\\`")?;
                match escape {
                    '\\' => bytes.push(b'\\'),
                    '"' => bytes.push(b'"'),
                    'r' => bytes.push(b'\r'),
                    'n' => bytes.push(b'\n'),
                    't' => bytes.push(b'\t'),
                    '0' => bytes.push(0),
                    'e' => bytes.push(0x1b),
                    'x' => {
                        let hex: String = (0..2)
                            .filter_map(|_| chars.next())
                            .map(|(_, c)| c)
                            .collect();
                        let byte = u8::from_str_radix(&hex, 16)
                            .map_err(|_| format!("bad byte escape `\\x{hex}`"))?;
                        bytes.push(byte);
                    }
                    'i' => {
                        pieces.push(Piece::Bytes(std::mem::take(&mut bytes)));
                        pieces.push(Piece::Index);
                    }
                    other => return Err(format!("unknown escape `\\{other}`")),
                }
            }
            c => {
                let mut buffer = [0; 4];
                bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
        }
    }
    Err(format!("unterminated string `{text}`"))
}

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/adversarial/responses.txt"
);

fn corpus() -> Vec<Case> {
    let text = std::fs::read_to_string(CORPUS).expect("the corpus file");
    let mut cases: Vec<Case> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let number = number + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            cases.push(Case {
                name: name.to_owned(),
                line: number,
                ..Case::default()
            });
            continue;
        }
        let case = cases
            .last_mut()
            .unwrap_or_else(|| panic!("line {number}: a key before any [case]"));
        let (key, value) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let value = value.trim();
        let fail = |message: String| -> ! { panic!("line {number} ({}): {message}", case.name) };
        match key {
            "about" => case.about = value.to_owned(),
            "type" => case.target = value.to_owned(),
            "request" => {
                let (method, uri) = value
                    .split_once(' ')
                    .unwrap_or_else(|| fail("request needs `METHOD URI`".into()));
                case.request = Some((method.to_owned(), uri.trim().to_owned()));
            }
            "status" => {
                case.status = value
                    .parse()
                    .unwrap_or_else(|_| fail(format!("bad status `{value}`")));
            }
            "header" => {
                let (name, value) = value
                    .split_once(':')
                    .unwrap_or_else(|| fail("header needs `name: value`".into()));
                let value = parse_value(value).unwrap_or_else(|e| fail(e));
                case.headers.push((name.trim().to_owned(), value));
            }
            "lines" => {
                let (count, header) = value
                    .split_once(char::is_whitespace)
                    .unwrap_or_else(|| fail("lines needs `N name: value`".into()));
                let count: usize = count
                    .replace('_', "")
                    .parse()
                    .unwrap_or_else(|_| fail(format!("bad line count `{count}`")));
                let (name, value) = header
                    .split_once(':')
                    .unwrap_or_else(|| fail("lines needs `N name: value`".into()));
                for line in 0..count {
                    let value = parse_value_at(value, line).unwrap_or_else(|e| fail(e));
                    case.headers.push((name.trim().to_owned(), value));
                }
            }
            "body" => case.body = parse_value(value).unwrap_or_else(|e| fail(e)),
            "expect" => {
                case.expect = value.to_owned();
                case.expect_line = number;
            }
            other => fail(format!("unknown key `{other}`")),
        }
    }
    cases
}

// ---------------------------------------------------------------------------------------------
// Running a case.
// ---------------------------------------------------------------------------------------------

/// What was given, as the runtime must keep it.
struct Given {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    bodiless: bool,
}

/// Builds the response, or says what `http` itself refuses to represent.
fn build(case: &Case) -> Result<(http::Response<Bytes>, Given), String> {
    let status = StatusCode::from_u16(case.status)
        .map_err(|_| format!("rejected-by-http: status {}", case.status))?;
    let mut headers = HeaderMap::new();
    for (name, value) in &case.headers {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("rejected-by-http: header name {name:?}"))?;
        let value = HeaderValue::from_bytes(value)
            .map_err(|_| format!("rejected-by-http: header {header}"))?;
        headers.append(header, value);
    }
    let body = Bytes::from(case.body.clone());
    let mut response = http::Response::new(body.clone());
    *response.status_mut() = status;
    *response.headers_mut() = headers.clone();
    let mut head = false;
    if let Some((method, uri)) = &case.request {
        let method = http::Method::from_bytes(method.as_bytes()).expect("a method");
        head = method == http::Method::HEAD;
        let uri = uri.parse().expect("a request URI");
        response
            .extensions_mut()
            .insert(RequestContext::new(method, uri));
    }
    let bodiless = head || matches!(case.status, 100..=199 | 204 | 304);
    Ok((
        response,
        Given {
            status,
            headers,
            body,
            bodiless,
        },
    ))
}

/// Runs `T` on the response; an `Err` must keep what arrived and print safely.
fn outcome<T: ResponseHandler + Render>(
    response: http::Response<Bytes>,
    given: &Given,
) -> Result<String, String> {
    match T::from_response(response) {
        Ok(value) => Ok(format!("ok {}", value.render())),
        Err(error) => {
            let mut problems = String::new();
            if error.status() != given.status {
                let _ = write!(
                    problems,
                    " status {} kept as {};",
                    given.status,
                    error.status()
                );
            }
            if error.version() != http::Version::HTTP_11 {
                let _ = write!(problems, " version changed to {:?};", error.version());
            }
            if error.headers() != &given.headers {
                let _ = write!(problems, " headers changed: {:?};", error.headers());
            }
            let body: &[u8] = if given.bodiless { b"" } else { &given.body };
            if error.body().as_ref() != body {
                let _ = write!(
                    problems,
                    " body of {} bytes kept as {} bytes;",
                    body.len(),
                    error.body().len()
                );
            }
            let display = error.to_string();
            if let Some(c) = display.chars().find(|&c| is_unprintable(c)) {
                let _ = write!(problems, " Display holds unprintable character {c:?};");
            }
            if display.len() > 4096 {
                let _ = write!(problems, " Display is {} bytes long;", display.len());
            }
            let rendered = render_error(&error);
            if problems.is_empty() {
                Ok(rendered)
            } else {
                Err(format!("{rendered}, but:{problems}"))
            }
        }
    }
}

fn run(case: &Case) -> Result<String, String> {
    let (response, given) = match build(case) {
        Ok(built) => built,
        Err(rejected) => return Ok(rejected),
    };
    match case.target.as_str() {
        "Api" => outcome::<Api>(response, &given),
        "Strict" => outcome::<Strict>(response, &given),
        "Users" => outcome::<Users>(response, &given),
        "Google" => outcome::<Google>(response, &given),
        "Tracked" => outcome::<Tracked>(response, &given),
        "Gateway" => outcome::<Gateway>(response, &given),
        other => Err(format!("unknown type `{other}`")),
    }
}

/// With `ADVERSARIAL=overwrite`, the test writes each case's outcome into its `expect` line
/// instead of comparing (as `TRYBUILD=overwrite` does for the UI tests); read the diff. A panic
/// or a broken guarantee is never written: it still fails.
fn overwriting() -> bool {
    std::env::var_os("ADVERSARIAL").is_some_and(|value| value == "overwrite")
}

/// Replaces the `expect` line of each case with its new outcome.
fn overwrite(outcomes: &[(&Case, String)]) {
    let text = std::fs::read_to_string(CORPUS).expect("the corpus file");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for (case, got) in outcomes {
        assert!(case.expect_line > 0, "{}: no `expect` line", case.name);
        lines[case.expect_line - 1] = format!("expect   {got}");
    }
    std::fs::write(CORPUS, lines.join("\n") + "\n").expect("the corpus file is writable");
}

#[test]
fn every_case_gives_its_exact_outcome_and_errors_keep_what_arrived() {
    let cases = corpus();
    let mut failures = Vec::new();
    let mut rewritten = Vec::new();
    for case in &cases {
        assert!(!case.expect.is_empty(), "{}: no `expect`", case.name);
        assert!(!case.about.is_empty(), "{}: no `about`", case.name);
        let result = std::panic::catch_unwind(|| run(case));
        let got = match result {
            Ok(Ok(got)) => got,
            Ok(Err(problem)) => format!("BROKEN {problem}"),
            Err(_) => "PANIC".to_owned(),
        };
        let broken = got.starts_with("BROKEN") || got == "PANIC";
        if overwriting() && !broken {
            if got != case.expect {
                rewritten.push((case, got));
            }
        } else if got != case.expect {
            failures.push(format!(
                "[{}] (line {})\n  expect {}\n  got    {got}",
                case.name, case.line, case.expect
            ));
        }
    }
    if !rewritten.is_empty() {
        overwrite(&rewritten);
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The number of cases SECURITY.md promises; the corpus holds exactly that many.
const CASES: usize = 195;

#[test]
fn the_corpus_has_the_promised_size_and_its_names_are_unique() {
    let cases = corpus();
    assert_eq!(cases.len(), CASES, "update CASES and SECURITY.md together");
    let security = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/SECURITY.md"))
        .expect("SECURITY.md");
    let claim = format!("| {CASES} real-world malformed responses");
    assert!(
        security.contains(&claim),
        "SECURITY.md does not say `{claim}`"
    );
    let mut names: Vec<&str> = cases.iter().map(|case| case.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "duplicate case names");
}

#[test]
fn the_value_syntax() {
    assert_eq!(parse_value(r#""a\tb\x00\xff""#).unwrap(), b"a\tb\0\xff");
    assert_eq!(
        parse_value(r#"3 * "p\i," + "end""#).unwrap(),
        b"p0,p1,p2,end"
    );
    assert_eq!(parse_value(r#"1_000 * "[""#).unwrap().len(), 1000);
    assert_eq!(parse_value(r#""x * 2""#).unwrap(), b"x * 2");
    assert_eq!(parse_value(r#""""#).unwrap(), b"");
    assert!(parse_value(r#""open"#).is_err());
    assert_eq!(parse_value_at(r#""n\i" + 2 * "\i""#, 7).unwrap(), b"n701");
}

#[test]
fn the_fingerprint_is_fnv1a_64() {
    // The published test vectors of FNV-1a, 64 bits.
    assert_eq!(fingerprint(b""), "#cbf29ce484222325");
    assert_eq!(fingerprint(b"a"), "#af63dc4c8601ec8c");
    assert_eq!(fingerprint(b"foobar"), "#85944171f73967e8");
}
