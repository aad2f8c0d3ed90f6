//! Real-world responses, one file per source under `tests/real_world/`, each copied from the
//! vendor's public documentation (the page is named in the case), with the exact outcome it must
//! give through one of the derived types below. Every case must be `ok`: a response that is
//! well-formed by its vendor's own rules never becomes an error.
//!
//! A case is `[name]`, then `key value` lines — `source` (the documentation page: title and
//! URL), `about`, `type` (`Call`, `S3`, `Page` or `Resource`), `expect` — then the response between two
//! `~~~` lines, as on the wire: a status line, header lines, an empty line and the body (its
//! lines joined with `\n`). `REAL_WORLD=overwrite cargo test --test real_world` rewrites the
//! `expect` lines; read the diff.

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use response_handler::{
    Allow, ContentType, ETag, ExtractError, HeaderName, HeaderValue, Json, LastModified, Location,
    RateLimit, RequestContext, ResponseHandler, RetryAfter, RetryInfo, StatusCode, Wait,
    WwwAuthenticate, headers::Limit,
};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// The types the cases run through.
// ---------------------------------------------------------------------------------------------

/// A JSON API call, with every wait and limit header a client acts on.
#[derive(Debug, ResponseHandler)]
enum Call {
    #[on_success]
    Ok {
        rate: Option<RateLimit>,
        json: Option<Json<Value>>,
    },
    #[on(403, 429)]
    Refused {
        status: StatusCode,
        retry: Option<RetryAfter>,
        rate: Option<RateLimit>,
        google: Option<RetryInfo>,
        json: Option<Json<Value>>,
    },
    #[on(500..=599)]
    Unavailable {
        status: StatusCode,
        retry: Option<RetryAfter>,
        google: Option<RetryInfo>,
        json: Option<Json<Value>>,
    },
    #[on_failure]
    Failed {
        status: StatusCode,
        json: Option<Json<Value>>,
    },
}

/// Amazon S3: XML error bodies, redirects with the bucket's region.
#[derive(Debug, ResponseHandler)]
enum S3 {
    #[on(301, 307)]
    Moved {
        status: StatusCode,
        location: Option<Location>,
        #[header("x-amz-bucket-region")]
        region: Option<String>,
        body: Option<String>,
    },
    #[on(503)]
    SlowDown {
        retry: Option<RetryAfter>,
        body: String,
    },
    #[on_failure]
    Error {
        status: StatusCode,
        content_type: Option<ContentType>,
        #[header("x-amz-request-id")]
        request_id: Option<String>,
        body: String,
    },
}

/// An error page from a proxy or a web server, in front of any API.
#[derive(Debug, ResponseHandler)]
enum Page {
    #[on_failure]
    Error {
        status: StatusCode,
        content_type: Option<ContentType>,
        retry: Option<RetryAfter>,
        body: String,
    },
}

/// A resource and its validators, as a cache or a conditional request reads them; and the
/// challenge or the methods a refusal names. The validators are `Result`s: a value the typed
/// header refuses shows in the `expect` line (as `invalid(...)`) instead of failing the case.
#[derive(Debug, ResponseHandler)]
enum Resource {
    #[on_success]
    Fresh {
        status: StatusCode,
        etag: Result<ETag, ExtractError>,
        last_modified: Result<LastModified, ExtractError>,
    },
    #[on(304)]
    NotModified {
        etag: Result<ETag, ExtractError>,
        last_modified: Result<LastModified, ExtractError>,
    },
    #[on(401)]
    Unauthorized { challenge: Option<WwwAuthenticate> },
    #[on(405)]
    NotAllowed { allow: Option<Allow> },
    #[on_failure]
    Failed { status: StatusCode },
}

// ---------------------------------------------------------------------------------------------
// Rendering an outcome as one line.
// ---------------------------------------------------------------------------------------------

/// FNV-1a (64 bits): a long value is shown by its length and fingerprint.
fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("#{hash:016x}")
}

fn text(value: &str) -> String {
    if value.chars().count() > 100 {
        format!(
            "<{} chars {}>",
            value.chars().count(),
            fingerprint(value.as_bytes())
        )
    } else {
        format!("{value:?}")
    }
}

fn moment(time: SystemTime) -> String {
    match time.duration_since(UNIX_EPOCH) {
        Ok(since) if since.subsec_nanos() == 0 => format!("@{}", since.as_secs()),
        Ok(since) => format!("@{}.{:09}", since.as_secs(), since.subsec_nanos()),
        Err(before) => format!("@-{:?}", before.duration()),
    }
}

fn optional<T>(value: &Option<T>, render: impl Fn(&T) -> String) -> String {
    value.as_ref().map_or_else(|| "none".to_owned(), render)
}

/// `none` when the header is absent, `invalid("why")` when the typed header refuses it.
fn tolerant<T>(value: &Result<T, ExtractError>, render: impl Fn(&T) -> String) -> String {
    match value {
        Ok(value) => render(value),
        Err(error) if error.is_absent() => "none".to_owned(),
        Err(ExtractError::InvalidHeader { error, .. }) => format!("invalid({:?})", error.reason()),
        Err(error) => format!("invalid({:?})", error.to_string()),
    }
}

fn retry(value: &RetryAfter) -> String {
    match value {
        RetryAfter(Wait::After(delay)) => format!("delay({delay:?})"),
        RetryAfter(Wait::At(date)) => format!("date({})", moment(*date)),
    }
}

fn limit(limit: &Limit) -> String {
    let mut parts = Vec::new();
    if let Some(value) = limit.remaining() {
        parts.push(format!("remaining={value}"));
    }
    if let Some(value) = limit.limit() {
        parts.push(format!("limit={value}"));
    }
    if let Some(value) = limit.used() {
        parts.push(format!("used={value}"));
    }
    match limit.reset() {
        Some(Wait::After(delay)) => parts.push(format!("reset=after({delay:?})")),
        Some(Wait::At(at)) => parts.push(format!("reset=at({})", moment(at))),
        None => {}
    }
    if let Some(window) = limit.window() {
        parts.push(format!("window={window:?}"));
    }
    format!("{}({})", limit.name().unwrap_or("-"), parts.join(" "))
}

/// Every limit, and which one binds.
fn rate(rate: &RateLimit) -> String {
    let limits: Vec<String> = rate.limits().iter().map(limit).collect();
    let binding = rate
        .limits()
        .iter()
        .position(|each| each == rate.binding())
        .unwrap_or(usize::MAX);
    format!(
        "{:?}[{}] binding={binding}",
        rate.source(),
        limits.join(", ")
    )
}

/// Weak or strong, and the opaque tag between the quotes.
fn etag(tag: &ETag) -> String {
    let strength = if tag.is_weak() { "weak" } else { "strong" };
    format!("{strength}({:?})", tag.tag())
}

fn last_modified(value: &LastModified) -> String {
    moment(value.time())
}

/// Every challenge: its scheme, its token68 if any, its parameters in order.
fn www_authenticate(value: &WwwAuthenticate) -> String {
    let challenges: Vec<String> = value
        .challenges()
        .iter()
        .map(|challenge| {
            let mut parts: Vec<String> = challenge
                .token68()
                .map(|token| format!("{token:?}"))
                .into_iter()
                .collect();
            parts.extend(
                challenge
                    .params()
                    .iter()
                    .map(|(name, value)| format!("{name}={value:?}")),
            );
            format!("{}({})", challenge.scheme(), parts.join(" "))
        })
        .collect();
    format!("[{}]", challenges.join(", "))
}

fn allow(value: &Allow) -> String {
    let methods: Vec<&str> = value.methods().iter().map(http::Method::as_str).collect();
    format!("[{}]", methods.join(" "))
}

fn json(value: &Json<Value>) -> String {
    let compact = value.0.to_string();
    if compact.len() <= 160 {
        return compact;
    }
    let keys = match &value.0 {
        Value::Object(object) => object.keys().cloned().collect::<Vec<_>>().join(","),
        _ => String::new(),
    };
    // What a client branches on, when the vendor's error object has it.
    let mut said = Vec::new();
    for (path, shown) in [
        ("/error/type", "error.type"),
        ("/error/code", "error.code"),
        ("/error/status", "error.status"),
        ("/0/error/status", "[0].error.status"),
    ] {
        if let Some(member) = value.0.pointer(path).filter(|member| !member.is_null()) {
            said.push(format!(" {shown}={member}"));
        }
    }
    format!(
        "<{{{keys}}}{} {} bytes {}>",
        said.concat(),
        compact.len(),
        fingerprint(compact.as_bytes())
    )
}

fn outcome_line(outcome: Result<String, response_handler::Error>) -> String {
    match outcome {
        Ok(line) => format!("ok {line}"),
        Err(error) => format!("err {error}"),
    }
}

fn render_call(call: Call) -> String {
    match call {
        Call::Ok { rate: r, json: j } => {
            format!("Ok rate={} json={}", optional(&r, rate), optional(&j, json))
        }
        Call::Refused {
            status,
            retry: w,
            rate: r,
            google,
            json: j,
        } => format!(
            "Refused status={} retry={} rate={} google={} json={}",
            status.as_u16(),
            optional(&w, retry),
            optional(&r, rate),
            optional(&google, |info| format!("{:?}", info.delay())),
            optional(&j, json)
        ),
        Call::Unavailable {
            status,
            retry: w,
            google,
            json: j,
        } => format!(
            "Unavailable status={} retry={} google={} json={}",
            status.as_u16(),
            optional(&w, retry),
            optional(&google, |info| format!("{:?}", info.delay())),
            optional(&j, json)
        ),
        Call::Failed { status, json: j } => {
            format!(
                "Failed status={} json={}",
                status.as_u16(),
                optional(&j, json)
            )
        }
    }
}

fn render_s3(s3: S3) -> String {
    match s3 {
        S3::Moved {
            status,
            location,
            region,
            body,
        } => format!(
            "Moved status={} location={} region={} body={}",
            status.as_u16(),
            optional(&location, |location| format!(
                "{:?} ({})",
                location.resolved().unwrap_or("?"),
                match location.same_origin() {
                    Some(true) => "same-origin",
                    Some(false) => "cross-origin",
                    None => "origin unknown",
                }
            )),
            optional(&region, |region| format!("{region:?}")),
            optional(&body, |body| text(body))
        ),
        S3::SlowDown { retry: w, body } => {
            format!(
                "SlowDown retry={} body={}",
                optional(&w, retry),
                text(&body)
            )
        }
        S3::Error {
            status,
            content_type,
            request_id,
            body,
        } => format!(
            "Error status={} content_type={} request_id={} body={}",
            status.as_u16(),
            optional(&content_type, ToString::to_string),
            optional(&request_id, |id| format!("{id:?}")),
            text(&body)
        ),
    }
}

fn render_page(page: Page) -> String {
    let Page::Error {
        status,
        content_type,
        retry: w,
        body,
    } = page;
    format!(
        "Error status={} content_type={} retry={} body={}",
        status.as_u16(),
        optional(&content_type, ToString::to_string),
        optional(&w, retry),
        text(&body)
    )
}

fn render_resource(resource: Resource) -> String {
    match resource {
        Resource::Fresh {
            status,
            etag: tag,
            last_modified: modified,
        } => format!(
            "Fresh status={} etag={} last_modified={}",
            status.as_u16(),
            tolerant(&tag, etag),
            tolerant(&modified, last_modified)
        ),
        Resource::NotModified {
            etag: tag,
            last_modified: modified,
        } => format!(
            "NotModified etag={} last_modified={}",
            tolerant(&tag, etag),
            tolerant(&modified, last_modified)
        ),
        Resource::Unauthorized { challenge } => format!(
            "Unauthorized challenge={}",
            optional(&challenge, www_authenticate)
        ),
        Resource::NotAllowed { allow: methods } => {
            format!("NotAllowed allow={}", optional(&methods, allow))
        }
        Resource::Failed { status } => format!("Failed status={}", status.as_u16()),
    }
}

// ---------------------------------------------------------------------------------------------
// The corpus.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Case {
    name: String,
    source: String,
    about: String,
    target: String,
    expect: String,
    expect_line: usize,
    request: Option<(String, String)>,
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

fn path(file: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/real_world"))
        .join(format!("{file}.txt"))
}

fn cases(file: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(path(file)).expect("the corpus file");
    let mut cases: Vec<Case> = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let number = index + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            cases.push(Case {
                name: name.to_owned(),
                ..Case::default()
            });
            continue;
        }
        let case = cases
            .last_mut()
            .unwrap_or_else(|| panic!("{file}:{number}: a key before any [case]"));
        if line == "~~~" {
            let mut response = Vec::new();
            for (_, line) in lines.by_ref() {
                if line == "~~~" {
                    break;
                }
                response.push(line);
            }
            let (status_line, rest) = response
                .split_first()
                .unwrap_or_else(|| panic!("{file}:{number}: an empty response"));
            case.status = status_line
                .split_whitespace()
                .nth(1)
                .and_then(|code| code.parse().ok())
                .unwrap_or_else(|| panic!("{file}:{number}: bad status line {status_line:?}"));
            let blank = rest
                .iter()
                .position(|line| line.is_empty())
                .unwrap_or(rest.len());
            for header in &rest[..blank] {
                let (name, value) = header
                    .split_once(':')
                    .unwrap_or_else(|| panic!("{file}:{number}: bad header line {header:?}"));
                case.headers
                    .push((name.trim().to_owned(), value.trim().to_owned()));
            }
            case.body = rest.get(blank + 1..).unwrap_or_default().join("\n");
            continue;
        }
        let (key, value) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let value = value.trim().to_owned();
        match key {
            "source" => case.source = value,
            "about" => case.about = value,
            "type" => case.target = value,
            "request" => {
                let (method, uri) = value.split_once(' ').expect("request needs `METHOD URI`");
                case.request = Some((method.to_owned(), uri.to_owned()));
            }
            "expect" => {
                case.expect = value;
                case.expect_line = number;
            }
            other => panic!("{file}:{number}: unknown key `{other}`"),
        }
    }
    cases
}

fn run(case: &Case) -> String {
    let mut response = http::Response::new(Bytes::from(case.body.clone()));
    *response.status_mut() = StatusCode::from_u16(case.status).expect("a status");
    for (name, value) in &case.headers {
        response.headers_mut().append(
            HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
            HeaderValue::from_str(value).expect("a header value"),
        );
    }
    if let Some((method, uri)) = &case.request {
        response.extensions_mut().insert(RequestContext::new(
            method.parse().expect("a method"),
            uri.parse().expect("a request URI"),
        ));
    }
    match case.target.as_str() {
        "Call" => outcome_line(Call::from_response(response).map(render_call)),
        "S3" => outcome_line(S3::from_response(response).map(render_s3)),
        "Page" => outcome_line(Page::from_response(response).map(render_page)),
        "Resource" => outcome_line(Resource::from_response(response).map(render_resource)),
        other => panic!("{}: unknown type `{other}`", case.name),
    }
}

fn check(file: &str) {
    let cases = cases(file);
    assert!(!cases.is_empty(), "{file}: no case");
    let overwrite = std::env::var_os("REAL_WORLD").is_some_and(|value| value == "overwrite");
    let mut failures = Vec::new();
    let mut rewritten = Vec::new();
    for case in &cases {
        assert!(!case.source.is_empty(), "{}: no `source`", case.name);
        assert!(!case.about.is_empty(), "{}: no `about`", case.name);
        assert!(case.status != 0, "{}: no response", case.name);
        let got = run(case);
        assert!(
            got.starts_with("ok "),
            "{file} [{}]: a documented response became an error: {got}",
            case.name
        );
        if got != case.expect {
            if overwrite {
                rewritten.push((case.expect_line, got));
            } else {
                failures.push(format!(
                    "[{}]\n  expect {}\n  got    {got}",
                    case.name, case.expect
                ));
            }
        }
    }
    if !rewritten.is_empty() {
        let text = std::fs::read_to_string(path(file)).expect("the corpus file");
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        for (line, got) in rewritten {
            assert!(line > 0, "a case without `expect`");
            lines[line - 1] = format!("expect   {got}");
        }
        std::fs::write(path(file), lines.join("\n") + "\n").expect("the corpus file is writable");
    }
    let mut names: Vec<&str> = cases.iter().map(|case| case.name.as_str()).collect();
    names.sort_unstable();
    let count = names.len();
    names.dedup();
    assert_eq!(count, names.len(), "{file}: duplicate case names");
    assert!(
        failures.is_empty(),
        "{file}: {} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn github() {
    check("github");
}

#[test]
fn stripe() {
    check("stripe");
}

#[test]
fn aws_s3() {
    check("aws_s3");
}

#[test]
fn azure() {
    check("azure");
}

#[test]
fn google() {
    check("google");
}

#[test]
fn openai() {
    check("openai");
}

#[test]
fn anthropic() {
    check("anthropic");
}

#[test]
fn discord() {
    check("discord");
}

#[test]
fn cloudflare() {
    check("cloudflare");
}

#[test]
fn nginx() {
    check("nginx");
}

#[test]
fn apache() {
    check("apache");
}

#[test]
fn standards() {
    check("standards");
}
