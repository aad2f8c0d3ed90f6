//! Feature `tracing`: one event per retry and one for the final outcome, with the status, the
//! outcome's name and the delay — and never a header value.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use response_handler::ureq::AgentExt;
use suite::{Reply, scripted};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use super::{Recorder, Search, ok};

/// Every event as `target: field=value ...`, in order.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

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
        self.0.lock().unwrap().push(line);
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
    let capture = Capture::default();
    let policy = Recorder::default().policy();
    let outcome = tracing::subscriber::with_default(capture.clone(), || {
        let request = http::Request::get(server.url("/s")).body(()).unwrap();
        suite::agent().handle_request_retrying::<Search>(request, &policy)
    });
    assert!(matches!(outcome, Ok(Search::Results(_))), "{outcome:?}");
    let lines: Vec<String> = capture
        .0
        .lock()
        .unwrap()
        .iter()
        .filter(|line| line.starts_with("response_handler::retry:"))
        .cloned()
        .collect();
    assert_eq!(
        lines,
        [
            "response_handler::retry: message=retrying attempt=1 status=429 outcome=RateLimited delay_ms=1000",
            "response_handler::retry: message=done attempts=2 status=200 outcome=Results reason=final outcome",
        ]
    );
    let everything = capture.0.lock().unwrap().join("\n");
    assert!(!everything.contains("s3cr3t"), "{everything}");
    assert!(!everything.contains("k3y"), "{everything}");
}
