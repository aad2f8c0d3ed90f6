//! Feature `tracing`: one event per retry and one for the final outcome, with the status, the
//! outcome's name and the delay — and never a header value.

use std::fmt::Write as _;

use response_handler::ureq::AgentExt;
use suite::{Reply, scripted};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use super::{Recorder, Search, ok};

/// Every event of the threads that asked for it ([`capture`]), as `target: field=value ...`.
///
/// One global subscriber rather than `with_default` per test: tracing caches each call site's
/// interest process-wide, and a site first hit by another test's thread (with no subscriber)
/// would stay disabled.
struct Capture;

thread_local! {
    static LINES: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` and returns the events it emitted on this thread.
fn capture<R>(f: impl FnOnce() -> R) -> (R, Vec<String>) {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| tracing::subscriber::set_global_default(Capture).unwrap());
    LINES.with(|lines| *lines.borrow_mut() = Some(Vec::new()));
    let result = f();
    let lines = LINES
        .with(|lines| lines.borrow_mut().take())
        .unwrap_or_default();
    (result, lines)
}

struct Line<'a>(&'a mut String);

impl Visit for Line<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut line = event.metadata().target().to_owned() + ":";
        event.record(&mut Line(&mut line));
        LINES.with(|lines| {
            if let Some(lines) = lines.borrow_mut().as_mut() {
                lines.push(line);
            }
        });
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[test]
fn one_event_per_retry_and_one_for_the_outcome_without_header_values() {
    let throttled = Reply::new(429)
        .header("retry-after", "1")
        .header("set-cookie", "session=s3cr3t-cookie")
        .header("x-api-key", "k3y-in-a-header")
        .text("slow down");
    let (server, _) = scripted(vec![throttled, ok()]);
    let policy = Recorder::default().policy();
    let (outcome, everything) = capture(|| {
        let request = http::Request::get(server.url("/s")).body(()).unwrap();
        suite::agent().handle_request_using::<Search>(
            request,
            &response_handler::CallOptions::new().retry(policy.clone()),
        )
    });
    assert!(matches!(outcome, Ok(Search::Results(_))), "{outcome:?}");
    let lines: Vec<&String> = everything
        .iter()
        .filter(|line| line.starts_with("response_handler::retry:"))
        .collect();
    assert_eq!(
        lines,
        [
            "response_handler::retry: message=retrying attempt=1 status=429 outcome=RateLimited delay_ms=1000",
            "response_handler::retry: message=done attempts=2 status=200 outcome=Results reason=final outcome",
        ]
    );
    let everything = everything.join("\n");
    assert!(!everything.contains("s3cr3t"), "{everything}");
    assert!(!everything.contains("k3y"), "{everything}");
}

/// A transport error's message names the URL (reqwest's does): the events print it without
/// the userinfo and the query values.
#[test]
fn transport_errors_are_traced_without_url_secrets() {
    use super::secrets::{SECRET_URL, recording_policy};
    let (policy, _) = recording_policy();
    let options = response_handler::CallOptions::new().retry(policy);
    let (outcomes, everything) = capture(|| {
        use response_handler::reqwest::blocking::RequestBuilderExt;
        let request = http::Request::get(SECRET_URL).body(()).unwrap();
        let ureq = suite::agent().handle_request_using::<Search>(request, &options);
        let reqwest = reqwest::blocking::Client::new()
            .get(SECRET_URL)
            .handle_using::<Search>(&options);
        (ureq.is_err(), reqwest.is_err())
    });
    assert_eq!(outcomes, (true, true));
    let lines: Vec<&String> = everything
        .iter()
        .filter(|line| line.starts_with("response_handler::retry:"))
        .collect();
    // Per client: one retry, then the end.
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(
        lines.iter().all(|line| line.contains(" error=")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|line| line.contains("127.0.0.1:1/x?key=REDACTED")),
        "reqwest names the URL: {lines:#?}"
    );
    for line in lines {
        assert!(!line.contains("SECRET"), "{line}");
        assert!(!line.contains("pw"), "{line}");
    }
}
