//! The compile-time checks the derive emits for its fields' types, as `#[track_caller]` const
//! functions: the generated code calls one per field in a `const _: () = ...;` item spanned on
//! the field's type, and when a rule is broken, rustc reports the panic there, exactly as for a
//! `panic!` written in place (a tracked caller's location is the call). One item per field, not
//! one per rule, keeps the checks cheap to compile: each item costs rustc about as much as a
//! small function (BENCHMARKS.md, "Compile time"). A field under one rule calls that rule's
//! function; a field under several calls [`check_field`], which reports every broken rule of
//! the field in its one error.

// These functions run only in constants: their panic is a compile error at the field (the
// point of them), never a panic at run time; the indexing is bounded by the loops' conditions.
#![allow(clippy::panic, clippy::indexing_slicing)]

use super::delegate::{claims_any_within, claims_exact_within};

/// `Extract::__BODY`: the field type reads the body (`READS_BODY`).
pub const READS: u8 = 1;
/// `Extract::__BODY`: the field type streams the body (`__STREAMS`).
pub const STREAMS: u8 = 2;
/// `Extract::__BODY`: the field type streams with blocking I/O (`__STREAMS_BLOCKING`).
pub const STREAMS_BLOCKING: u8 = 4;
/// `Extract::__BODY`: the field type streams an async body (`__STREAMS_ASYNC`).
pub const STREAMS_ASYNC: u8 = 8;

/// `Extract::__BODY` from the four consts it gathers.
pub const fn body_bits(reads: bool, streams: bool, blocking: bool, async_body: bool) -> u8 {
    ((reads as u8) * READS)
        | ((streams as u8) * STREAMS)
        | ((blocking as u8) * STREAMS_BLOCKING)
        | ((async_body as u8) * STREAMS_ASYNC)
}

/// The most a field's report holds: about 40 lines, far more than one field meets; a longer
/// report is cut there.
const REPORT_CAPACITY: usize = 8192;

/// The broken rules of one field, a line each, reported as one compile error by `finish`.
struct Report {
    text: [u8; REPORT_CAPACITY],
    len: usize,
}

impl Report {
    const fn new() -> Self {
        Report {
            text: [0; REPORT_CAPACITY],
            len: 0,
        }
    }

    /// Adds `line`, after a line break if the report has one already; as far as it fits.
    const fn line(&mut self, line: &[u8]) {
        if self.len > 0 {
            self.append(b"\n");
        }
        self.append(line);
    }

    const fn append(&mut self, bytes: &[u8]) {
        let mut index = 0;
        while index < bytes.len() && self.len < REPORT_CAPACITY {
            self.text[self.len] = bytes[index];
            self.len += 1;
            index += 1;
        }
    }

    /// Fails with the report, if it has a line.
    #[track_caller]
    const fn finish(&self) {
        if self.len == 0 {
            return;
        }
        match core::str::from_utf8(self.text.split_at(self.len).0) {
            Ok(report) => panic!("{}", report),
            Err(_) => panic!("a field breaks a rule of its variant (its report was cut)"),
        }
    }
}

/// Fails with every conflict of `claims` (the field type's `Extract::__CLAIMS`) with the codes
/// the outer type sends to another variant before the delegating one, one message a line.
///
/// `shadowed` has a line for each code or range of codes, `"{first} {last} {exact} {message}"`
/// with the lines separated by `\n`: `exact` is `1` when the other variant claims these codes
/// exactly, so only an exact claim of the field's type conflicts (an inner range containing
/// them is fine), and `0` when any claim does; `message` is the error for a conflict. One
/// string literal, not a slice of tuples, because rustc checks and evaluates it several times
/// faster, and a plain extractor, which claims nothing, passes at once without reading it.
#[track_caller]
pub const fn check_shadowed(claims: &[(u16, u16)], shadowed: &str) {
    if claims.is_empty() {
        return;
    }
    let mut report = Report::new();
    shadowed_conflicts(&mut report, claims, shadowed);
    report.finish();
}

/// The conflicts of `claims` with the table `shadowed` ([`check_shadowed`]), added to `report`.
const fn shadowed_conflicts(report: &mut Report, claims: &[(u16, u16)], shadowed: &str) {
    let table = shadowed.as_bytes();
    let mut at = 0;
    while at < table.len() {
        let (first, after_first) = number(table, at);
        let (last, after_last) = number(table, after_first + 1);
        let exact = after_last + 1 < table.len() && table[after_last + 1] == b'1';
        let start = after_last + 3;
        let mut end = start;
        while end < table.len() && table[end] != b'\n' {
            end += 1;
        }
        let hit = if exact {
            claims_exact_within(claims, first, last)
        } else {
            claims_any_within(claims, first, last)
        };
        if hit && start < end {
            report.line(table.split_at(end).0.split_at(start).1);
        }
        at = end + 1;
    }
}

/// The decimal number at `at` in `bytes` (digits up to the first other byte) and the index
/// after it. Saturates rather than overflows.
const fn number(bytes: &[u8], mut at: usize) -> (u16, usize) {
    let mut value: u16 = 0;
    while at < bytes.len() && bytes[at].is_ascii_digit() {
        value = value
            .saturating_mul(10)
            .saturating_add((bytes[at] - b'0') as u16);
        at += 1;
    }
    (value, at)
}

/// The streaming rules for one field that reads no header, in a variant with another such
/// field or a header field after it (`macros/src/streaming.rs`): a streaming field must be last
/// (`not_last`: the error when it is not), and a field that reads the body into memory cannot
/// sit next to one that streams (`buffered_next_to_stream`). `body` is the field type's
/// `Extract::__BODY`, `others` the other body fields' together.
#[track_caller]
pub const fn check_streaming(
    body: u8,
    last: bool,
    others: u8,
    not_last: &str,
    buffered_next_to_stream: &str,
) {
    if streams_not_last(body, last) {
        panic!("{}", not_last);
    }
    if reads_next_to_stream(body, others) {
        panic!("{}", buffered_next_to_stream);
    }
}

const fn streams_not_last(body: u8, last: bool) -> bool {
    body & STREAMS != 0 && !last
}

const fn reads_next_to_stream(body: u8, others: u8) -> bool {
    body & READS != 0 && body & STREAMS == 0 && others & STREAMS != 0
}

/// A field of a variant that only no-body statuses reach (1xx, 204, 304) must not read the
/// body: fails with `message` when the field type's `Extract::__BODY` says it reads it.
#[track_caller]
pub const fn check_no_body(body: u8, message: &str) {
    if body & READS != 0 {
        panic!("{}", message);
    }
}

/// Every rule of a field under several, in one call and one error that lists each broken
/// rule on a line: [`check_no_body`] (`no_body`: its message, `""` when the rule does not
/// apply), [`check_streaming`] (`last`, `others`, `not_last`, `buffered_next_to_stream`; `last`
/// true and `others` 0 when it does not apply) and [`check_shadowed`] (`claims`, `shadowed`;
/// `&[]` when it does not apply).
#[track_caller]
#[allow(clippy::too_many_arguments)]
pub const fn check_field(
    body: u8,
    no_body: &str,
    last: bool,
    others: u8,
    not_last: &str,
    buffered_next_to_stream: &str,
    claims: &[(u16, u16)],
    shadowed: &str,
) {
    let reads_on_no_body = body & READS != 0 && !no_body.is_empty();
    let stream_not_last = streams_not_last(body, last);
    let buffered_next_to = reads_next_to_stream(body, others);
    // The report (a buffer) only when a rule can be broken: most fields break none.
    if !(reads_on_no_body || stream_not_last || buffered_next_to || !claims.is_empty()) {
        return;
    }
    let mut report = Report::new();
    if reads_on_no_body {
        report.line(no_body.as_bytes());
    }
    if stream_not_last {
        report.line(not_last.as_bytes());
    }
    if buffered_next_to {
        report.line(buffered_next_to_stream.as_bytes());
    }
    shadowed_conflicts(&mut report, claims, shadowed);
    report.finish();
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHADOWED: &str = "404 404 1 404 taken\n409 409 1 409 taken\n500 599 0 5xx taken";

    fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
        match payload.downcast::<String>() {
            Ok(message) => *message,
            Err(payload) => payload.downcast_ref::<&str>().unwrap().to_string(),
        }
    }

    fn conflicts(claims: &'static [(u16, u16)]) -> Option<String> {
        std::panic::catch_unwind(|| check_shadowed(claims, SHADOWED))
            .err()
            .map(panic_message)
    }

    #[test]
    fn every_conflict_of_a_field_is_in_its_one_message() {
        // A plain extractor claims nothing.
        assert_eq!(conflicts(&[]), None);
        // A range around the exact codes the outer type takes is fine.
        assert_eq!(conflicts(&[(400, 499)]), None);
        assert_eq!(conflicts(&[(404, 404)]).as_deref(), Some("404 taken"));
        assert_eq!(
            conflicts(&[(404, 404), (409, 409), (503, 503)]).as_deref(),
            Some("404 taken\n409 taken\n5xx taken")
        );
        // A range overlapping codes a range takes conflicts.
        assert_eq!(conflicts(&[(590, 610)]).as_deref(), Some("5xx taken"));
        assert_eq!(conflicts(&[(600, 610)]), None);
    }

    #[test]
    fn a_report_longer_than_its_capacity_is_cut() {
        let line = format!("404 404 1 {}", "x".repeat(1000));
        let table: &'static str = vec![line; 10].join("\n").leak();
        let payload =
            std::panic::catch_unwind(|| check_shadowed(&[(404, 404)], table)).unwrap_err();
        assert_eq!(panic_message(payload).len(), REPORT_CAPACITY);
    }

    #[test]
    fn a_malformed_table_is_read_without_panicking_on_its_own() {
        // Only the derive writes these tables; a broken one reports what it can read.
        for table in [
            "",
            "404",
            "404 404",
            "404 404 1",
            "404 404 1 ",
            "\n\n",
            "x y z m",
        ] {
            assert_eq!(
                std::panic::catch_unwind(|| check_shadowed(&[(404, 404)], table))
                    .err()
                    .map(panic_message),
                None,
                "{table:?}"
            );
        }
        assert_eq!(
            std::panic::catch_unwind(|| check_shadowed(&[(404, 404)], "404 404 1 m\n"))
                .err()
                .map(panic_message)
                .as_deref(),
            Some("m")
        );
    }

    /// `__BODY` of a field that reads the body (`reads`), and streams it (`streams`).
    const fn body(reads: bool, streams: bool) -> u8 {
        body_bits(reads, streams, false, false)
    }

    #[test]
    fn every_broken_rule_of_a_field_is_in_its_one_error() {
        let fails = |reads, streams, last, others: bool, claims: &'static [(u16, u16)]| {
            std::panic::catch_unwind(|| {
                check_field(
                    body(reads, streams),
                    "no body",
                    last,
                    body(others, others),
                    "not last",
                    "next to",
                    claims,
                    SHADOWED,
                )
            })
            .err()
            .map(panic_message)
        };
        assert_eq!(fails(false, false, false, false, &[]), None);
        assert_eq!(
            fails(true, false, false, false, &[]).as_deref(),
            Some("no body")
        );
        assert_eq!(
            fails(true, true, false, false, &[(404, 404)]).as_deref(),
            Some("no body\nnot last\n404 taken")
        );
        assert_eq!(
            fails(true, false, true, true, &[(500, 500)]).as_deref(),
            Some("no body\nnext to\n5xx taken")
        );
        // A rule that does not apply: no message, `last`, no claims.
        let none = std::panic::catch_unwind(|| {
            check_field(body(true, true), "", true, STREAMS, "", "", &[], "")
        });
        assert!(none.is_ok());
    }

    #[test]
    fn streaming_rules() {
        let fails = |reads, streams, last, others: bool| {
            std::panic::catch_unwind(|| {
                check_streaming(
                    body(reads, streams),
                    last,
                    body(others, others),
                    "not last",
                    "next to",
                )
            })
            .err()
            .map(|payload| *payload.downcast::<String>().unwrap())
        };
        assert_eq!(fails(true, true, true, false), None);
        assert_eq!(fails(true, true, false, false).as_deref(), Some("not last"));
        assert_eq!(fails(true, false, false, true).as_deref(), Some("next to"));
        assert_eq!(fails(true, false, false, false), None);
        assert_eq!(fails(false, false, false, true), None);
        assert!(std::panic::catch_unwind(|| check_no_body(READS, "m")).is_err());
        check_no_body(0, "m");
        check_no_body(STREAMS_ASYNC, "m");
    }

    #[test]
    fn body_bits_are_the_four_consts() {
        assert_eq!(body_bits(false, false, false, false), 0);
        assert_eq!(body_bits(true, false, false, false), READS);
        assert_eq!(
            body_bits(true, true, true, false),
            READS | STREAMS | STREAMS_BLOCKING
        );
        assert_eq!(
            body_bits(true, true, false, true),
            READS | STREAMS | STREAMS_ASYNC
        );
    }
}
