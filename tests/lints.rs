//! The derive's output under strict lints, two ways:
//!
//! - `derives_work_under_strict_lints`: `tests/lints/derives.rs` compiled into this file under
//!   `deny(warnings, clippy::all, ...)`, and run. rustc and clippy stay silent about most lints
//!   whose spans come from a derive's expansion, so this alone proves little about the
//!   generated code;
//! - `expanded_derives_pass_rustc_and_clippy`: the same file expanded (`-Zunpretty=expanded`,
//!   as cargo-expand and macrotest do), the `clippy::all` allowance the derive puts on its
//!   impls removed, and the expansion compiled as ordinary source with `cargo clippy -- -D
//!   warnings`. Every lint now sees the generated code as if a person had written it.
#![deny(
    warnings,
    unused_qualifications,
    rust_2018_idioms,
    trivial_casts,
    trivial_numeric_casts
)]
#![deny(clippy::all)]

#[path = "lints/derives.rs"]
mod derives;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use core::marker::PhantomData;
use derives::{
    ApiFailure, AsyncClient, Borrowed, Client, Download, Everything, GetItem, Gone, Issues, Page,
};
use response_handler::retry::{RetryHint, Retryable};
use response_handler::{AsyncHandler, Handler, Json, NextPage, ResponseHandler, StatusCode, Wait};

fn respond(status: u16) -> http::response::Builder {
    http::Response::builder().status(status)
}

fn outcome(status: u16) -> Everything {
    Everything::from_response(respond(status).body(()).unwrap()).unwrap()
}

#[test]
fn derives_work_under_strict_lints() {
    let found = respond(200).body("[3, 4]").unwrap();
    assert!(matches!(
        Everything::from_response(found).unwrap(),
        Everything::Found(Json(ids)) if ids == [3, 4]
    ));

    let created = respond(201)
        .header("location", "/items/3")
        .body(())
        .unwrap();
    assert!(matches!(
        Everything::from_response(created).unwrap(),
        Everything::Created { location, request_id: None } if location == "/items/3"
    ));

    let empty = respond(204).header("x-a", "1").body(()).unwrap();
    assert!(matches!(
        Everything::from_response(empty).unwrap(),
        Everything::Empty(StatusCode::NO_CONTENT, headers) if headers.len() == 1
    ));

    let not_modified = respond(304).header("etag", "\"v1\"").body(()).unwrap();
    assert!(matches!(
        Everything::from_response(not_modified).unwrap(),
        Everything::NotModified { etag } if etag == "\"v1\""
    ));

    let redirect = respond(302)
        .header("location", "/elsewhere")
        .body(())
        .unwrap();
    assert!(matches!(
        Everything::from_response(redirect).unwrap(),
        Everything::Redirect(location) if location == "/elsewhere"
    ));

    let slow_down = respond(429).header("retry-after", "7").body(()).unwrap();
    assert!(matches!(
        Everything::from_response(slow_down).unwrap(),
        Everything::SlowDown(Some(retry)) if retry.delay() == Duration::from_secs(7)
    ));

    assert!(matches!(
        outcome(503),
        Everything::Down(StatusCode::SERVICE_UNAVAILABLE)
    ));
    assert!(matches!(outcome(429), Everything::SlowDown(None)));
    assert!(matches!(outcome(100), Everything::Fallback));
    assert!(matches!(
        outcome(206),
        Everything::OtherSuccess(StatusCode::PARTIAL_CONTENT, body) if body.is_empty()
    ));
    assert!(matches!(
        outcome(418),
        Everything::ClientError(StatusCode::IM_A_TEAPOT)
    ));
    assert!(matches!(
        outcome(504),
        Everything::ServerError(StatusCode::GATEWAY_TIMEOUT)
    ));
    assert!(matches!(outcome(600), Everything::Failure(status) if status == 600));

    let page = respond(206).header("x-total", "2").body("[1, 2]").unwrap();
    let Page {
        items: Json(items),
        total,
        next,
    } = Page::<u8, u32>::from_response(page).unwrap();
    assert_eq!((items, total, next), (vec![1, 2], 2, None));

    let previous = response_handler::RequestContext::new(
        http::Method::GET,
        "http://api.example/items".parse().unwrap(),
    );
    let page = respond(200)
        .header("x-total", "4")
        .header("x-next", "2")
        .body("[1, 2]")
        .unwrap();
    let next = Page::<u8, u32>::from_response(page)
        .unwrap()
        .next_page(&previous);
    assert_eq!(next, Some(response_handler::Next::query("after", "2")));
    let issues = respond(200)
        .header("link", "</items?page=2>; rel=\"next\"")
        .extension(previous.clone())
        .body("[]")
        .unwrap();
    let issues = Issues::from_response(issues).unwrap();
    assert!(matches!(&issues, Issues::Page(Some(_), body) if body == "[]"));
    let next = issues.next_page(&previous);
    assert_eq!(
        next,
        Some(response_handler::Next::url(
            "http://api.example/items?page=2"
        ))
    );
    let missing = Issues::from_response(respond(404).body(()).unwrap()).unwrap();
    assert_eq!(missing.next_page(&previous), None);
    let failed = Issues::from_response(respond(500).body(()).unwrap()).unwrap();
    assert!(matches!(
        failed,
        Issues::Failed(StatusCode::INTERNAL_SERVER_ERROR)
    ));

    let Borrowed(PhantomData) = Borrowed::from_response(respond(200).body(()).unwrap()).unwrap();
    let Gone = Gone::from_response(respond(410).body(()).unwrap()).unwrap();
    let error = Gone::from_response(respond(200).body(()).unwrap()).err();
    assert_eq!(error.map(|e| e.status()), Some(StatusCode::OK));

    let get = |status: u16| GetItem::from_response(respond(status).body("x").unwrap());
    assert!(matches!(get(200), Ok(GetItem::Found(body)) if body == "x"));
    assert!(matches!(get(404), Ok(GetItem::Missing)));
    assert!(matches!(get(103), Ok(GetItem::Interim)));
    assert!(matches!(
        get(401),
        Ok(GetItem::Failed(ApiFailure::Unauthorized))
    ));
    assert!(matches!(
        get(502),
        Ok(GetItem::Failed(ApiFailure::Server(StatusCode::BAD_GATEWAY)))
    ));
    assert_eq!(
        get(403).err().map(|e| e.status()),
        Some(StatusCode::FORBIDDEN)
    );

    let mut client = Client {
        cached: None,
        waits: Vec::new(),
    };
    let fresh = respond(200).body("doc").unwrap();
    assert_eq!(client.handle(fresh), Ok("doc".to_owned()));
    assert_eq!(
        client.handle(respond(304).body(()).unwrap()),
        Ok("doc".to_owned())
    );
    let busy = respond(429).header("retry-after", "2").body(()).unwrap();
    assert_eq!(client.handle(busy), Err("2s".to_owned()));
    assert_eq!(
        client.handle(respond(500).body(()).unwrap()),
        Err("500 Internal Server Error".to_owned())
    );
    let unexpected = client.handle(respond(201).body(()).unwrap()).unwrap_err();
    assert!(
        unexpected.starts_with("unexpected status 201"),
        "{unexpected}"
    );
    assert_eq!(client.waits, [Duration::from_secs(2)]);

    let slow_down = respond(429).header("retry-after", "3").body(()).unwrap();
    let slow_down = Everything::from_response(slow_down).unwrap();
    assert_eq!(
        (slow_down.retry_hint(), slow_down.outcome_name()),
        (
            RetryHint::Retry(Some(Wait::After(Duration::from_secs(3)))),
            "SlowDown"
        )
    );
    assert_eq!(outcome(204).retry_hint(), RetryHint::Final);
    assert_eq!(outcome(403).retry_hint(), RetryHint::Final);
    let limited = respond(403).header("retry-after", "4").body(()).unwrap();
    assert_eq!(
        Everything::from_response(limited).unwrap().retry_hint(),
        RetryHint::Retry(Some(Wait::After(Duration::from_secs(4))))
    );

    let mut async_client = AsyncClient { cached: None };
    let fresh = respond(200).body("doc").unwrap();
    assert_eq!(
        block_on(async_client.handle_async(fresh)),
        Ok("doc".to_owned())
    );
    assert_eq!(async_client.cached.as_deref(), Some("doc"));
    assert_eq!(
        block_on(async_client.handle_async(respond(404).body(()).unwrap())),
        Err("404 Not Found".to_owned())
    );
}

/// Polls a future that never waits (the handlers here await nothing that pends).
fn block_on<F: Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut future = core::pin::pin!(future);
    for _ in 0..1000 {
        if let Poll::Ready(output) = future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            return output;
        }
    }
    panic!("the future did not complete")
}

#[test]
fn the_streaming_shape_dispatches() {
    use std::io::Read as _;
    let response = respond(200)
        .header("x-request-id", "r-1")
        .body("abc")
        .unwrap();
    let Download::File {
        status,
        request_id,
        mut body,
    } = Download::from_response(response).unwrap()
    else {
        panic!("expected File");
    };
    assert_eq!(status, StatusCode::OK);
    assert_eq!(request_id.as_deref(), Some("r-1"));
    let mut text = String::new();
    body.read_to_string(&mut text).unwrap();
    assert_eq!(text, "abc");
    let missing = Download::from_response(respond(404).body(()).unwrap()).unwrap();
    assert!(matches!(missing, Download::Missing));
    let failed = Download::from_response(respond(503).body("down").unwrap()).unwrap();
    assert!(
        matches!(failed, Download::Failed(StatusCode::SERVICE_UNAVAILABLE, text) if text == "down")
    );
    use response_handler::BodyNeed;
    assert_eq!(Download::body_need(StatusCode::OK), BodyNeed::Streamed);
    assert_eq!(Download::body_need(StatusCode::NOT_FOUND), BodyNeed::Unread);
    assert_eq!(
        Download::body_need(StatusCode::SERVICE_UNAVAILABLE),
        BodyNeed::Buffered
    );
}

/// How many impls the derives in `tests/lints/derives.rs` generate: one `ResponseHandler` per
/// enum and struct but the handler, and one `Handler`.
const RESPONSE_HANDLER_IMPLS: usize = 8;
const HANDLER_IMPLS: usize = 1;

#[test]
fn expanded_derives_pass_rustc_and_clippy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lints-expansion");
    let source = std::fs::read_to_string(root.join("tests/lints/derives.rs")).unwrap();

    let expanded = {
        let input = crate_dir(&work.join("input"), root, &source);
        let output = cargo(&work, &input)
            .args(["rustc", "--lib", "--profile=check", "--quiet"])
            .args(["--", "-Zunpretty=expanded"])
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "expanding tests/lints/derives.rs failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("the expansion is UTF-8")
    };

    // The check must be looking at generated code, not at an empty or failed expansion.
    let count = |needle: &str| expanded.matches(needle).count();
    assert_eq!(
        // The enums' and structs' impls name the runtime by the alias their block imports.
        count("__rh::ResponseHandler for"),
        RESPONSE_HANDLER_IMPLS,
        "{expanded}"
    );
    assert_eq!(count("__private::Handler for"), HANDLER_IMPLS, "{expanded}");
    assert_eq!(count("__private::AsyncHandler for"), 1, "{expanded}");
    assert_eq!(count("__rh::Retryable for"), 1, "{expanded}");
    assert!(
        !expanded
            .lines()
            .any(|line| line.trim_start().starts_with("#[derive(")),
        "the derives were expanded"
    );

    let (checked_source, removed) = source_to_check(&expanded);
    assert!(
        removed >= RESPONSE_HANDLER_IMPLS + HANDLER_IMPLS,
        "the derive's `clippy::all` allowances were found and removed ({removed})"
    );
    // `panic!` in a const expands to an internal function of core.
    let strict = "#![feature(panic_internals)]\n#![allow(internal_features)]\n\
                  #![deny(warnings, rust_2018_idioms, trivial_casts, trivial_numeric_casts)]\n\
                  #![deny(clippy::all)]\n";
    let checked = crate_dir(
        &work.join("checked"),
        root,
        &format!("{strict}{checked_source}"),
    );
    let output = cargo(&work, &checked)
        .args(["clippy", "--lib", "--quiet", "--", "-D", "warnings"])
        .output()
        .expect("cargo clippy runs");
    assert!(
        output.status.success(),
        "the generated code has lint findings (source: {}):\n{}",
        checked.join("src/lib.rs").display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A one-file library crate at `dir` that depends on the runtime of this workspace, pinned by
/// the workspace's lock file.
fn crate_dir(dir: &Path, root: &Path, lib: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"lints-expansion\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
         publish = false\n\n[dependencies]\nresponse-handler = {{ path = {:?} }}\n\
         http = \"1\"\n\n[workspace]\n",
        root.join("runtime")
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    dir.to_owned()
}

/// `cargo` in `dir`, with its own target directory (the outer build holds the workspace's) and
/// unstable flags allowed on the pinned stable compiler, as cargo-expand does.
fn cargo(work: &Path, dir: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("RUSTC_BOOTSTRAP", "1")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    command
}

/// What the compiler adds to every expansion: edition-2024 source needs none of it.
const PRELUDE: [&str; 4] = [
    "#![feature(prelude_import)]",
    "extern crate std;",
    "#[prelude_import]",
    "use std::prelude::rust_2024::*;",
];

/// The derive's helper attributes: inert after expansion, unknown to a crate without the derive.
const HELPER_ATTRIBUTES: [&str; 14] = [
    "on",
    "on_informational",
    "on_success",
    "on_redirection",
    "on_redirect",
    "on_client_error",
    "on_server_error",
    "on_failure",
    "fallback",
    "header",
    "handler",
    "retry",
    "next_page",
    "response_handler",
];

/// The expansion as ordinary source: without the compiler's prelude lines, without the
/// derive's helper attributes, and with `clippy::all` taken out of every `#[allow(...)]`; and
/// how many `clippy::all` were taken out.
fn source_to_check(expanded: &str) -> (String, usize) {
    let mut source = expanded.to_owned();
    for line in PRELUDE {
        let at = source
            .find(line)
            .unwrap_or_else(|| panic!("{line} in the expansion"));
        source.replace_range(at..at + line.len(), "");
    }
    let mut out = String::with_capacity(source.len());
    let mut removed = 0;
    let mut rest = source.as_str();
    while let Some(start) = find_outside_strings(rest, "#[") {
        let (before, attribute) = rest.split_at(start);
        out.push_str(before);
        let end = find_outside_strings(attribute, "]").expect("an attribute closes") + 1;
        let inner = &attribute[2..end - 1];
        let name = inner
            .split(|c: char| c == '(' || c.is_whitespace())
            .next()
            .unwrap_or_default();
        if HELPER_ATTRIBUTES.contains(&name) {
            out.push(DROPPED);
        } else if let Some(lints) = inner
            .strip_prefix("allow(")
            .and_then(|l| l.strip_suffix(')'))
        {
            let lints: Vec<&str> = lints.split(',').map(str::trim).collect();
            let kept: Vec<&str> = lints
                .iter()
                .copied()
                .filter(|lint| lint.replace(' ', "") != "clippy::all")
                .collect();
            removed += lints.len() - kept.len();
            if !kept.is_empty() {
                out.push_str(&format!("#[allow({})]", kept.join(", ")));
            }
        } else {
            out.push_str(&attribute[..end]);
        }
        rest = &attribute[end..];
    }
    out.push_str(rest);
    // A line that held only helper attributes goes (a blank line after a doc comment is a lint).
    let lines: Vec<&str> = out
        .lines()
        .filter(|line| !(line.contains(DROPPED) && line.trim().trim_matches(DROPPED).is_empty()))
        .collect();
    (lines.join("\n").replace(DROPPED, ""), removed)
}

/// Where a helper attribute stood, until the lines are cleaned up.
const DROPPED: char = '\u{0}';

/// The first `needle` in `text` that is not inside a string literal.
fn find_outside_strings(text: &str, needle: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if text[at..].starts_with(needle) {
            return Some(at);
        }
    }
    None
}
