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

use super::body_bits::{READS, STREAMS};

/// Does a claim of `claims` (a type's exact codes and ranges, `ResponseHandler::__CLAIMS`)
/// fall in `first..=last`? With `exact`, only a single code within it counts (a range of one
/// code, `500 500`, is that code); without, any claim that overlaps it.
const fn claims_within(claims: &str, first: u16, last: u16, exact: bool) -> bool {
    let claims = claims.as_bytes();
    let mut at = 0;
    while at < claims.len() {
        let (a, b, next) = claim_at(claims, at);
        let hit = if exact {
            a == b && first <= a && a <= last
        } else {
            a <= last && first <= b
        };
        if hit {
            return true;
        }
        at = next;
    }
    false
}

/// The claim on the line at `at` of `claims`, `(first, last, start of the next line)`: `409`
/// is `(409, 409)`, `500 599` is `(500, 599)`. A malformed line reads as the numbers its
/// digits make (never a panic: this runs in the derive's compile-time checks).
const fn claim_at(claims: &[u8], at: usize) -> (u16, u16, usize) {
    let (first, mut at) = number(claims, at);
    let mut last = first;
    if at < claims.len() && claims[at] == b' ' {
        (last, at) = number(claims, at + 1);
    }
    while at < claims.len() && claims[at] != b'\n' {
        at += 1;
    }
    (first, last, at + 1)
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

/// The most a field's report holds: about 40 lines, far more than one field meets; a longer
/// report is cut there.
const REPORT_CAPACITY: usize = 8192;

/// The broken rules of one field, a line each, reported as one compile error by `finish`.
/// The messages are written here, from the names the derive passes, and only when a rule is
/// broken: a message as a string literal in the generated code cost rustc its length in every
/// derive (BENCHMARKS.md, "Compile time").
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

    /// Adds a line made of `parts`, after a line break if the report has a line already; as
    /// far as it fits.
    const fn line(&mut self, parts: &[&str]) {
        if self.len > 0 {
            self.append(b"\n");
        }
        let mut index = 0;
        while index < parts.len() {
            self.append(parts[index].as_bytes());
            index += 1;
        }
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

/// Where a checked field is, and the names its messages use: one string literal in the
/// generated code, a line each (one argument where there were five, and each argument of each
/// check costs rustc in every derive: BENCHMARKS.md, "Compile time"):
///
/// 1. the variant (`""` in a struct);
/// 2. the field;
/// 3. the field's type as written (for [`check_shadowed`]'s message);
/// 4. the variant's last field, when this check reports it ([`check_streaming`]), else `""`;
/// 5. the statuses of a variant that only no-body statuses reach ([`check_no_body`]), else `""`;
/// 6. and on: the shadow table ([`check_shadowed`]).
///
/// Read only when a rule is broken. A site with fewer lines reads the missing ones as `""`.
struct Site<'a> {
    variant: &'a str,
    field: &'a str,
    ty: &'a str,
    last_field: &'a str,
    no_body: &'a str,
    table: &'a str,
}

impl<'a> Site<'a> {
    const fn parse(text: &'a str) -> Self {
        let (variant, rest) = first_line(text);
        let (field, rest) = first_line(rest);
        let (ty, rest) = first_line(rest);
        let (last_field, rest) = first_line(rest);
        let (no_body, table) = first_line(rest);
        Site {
            variant,
            field,
            ty,
            last_field,
            no_body,
            table,
        }
    }
}

/// `text`'s first line and what follows its line break (`""` when there is none).
const fn first_line(text: &str) -> (&str, &str) {
    let bytes = text.as_bytes();
    let mut end = 0;
    while end < bytes.len() && bytes[end] != b'\n' {
        end += 1;
    }
    if end == bytes.len() {
        return (text, "");
    }
    let (line, rest) = text.split_at(end);
    (line, rest.split_at(1).1)
}

/// Fails with every conflict of `claims` (the field type's `Extract::__CLAIMS`) with the codes
/// the outer type sends to another variant before the delegating one, one message a line.
///
/// The site's table (`Site`) has a line for each code or range of codes,
/// `"{first} {last} {exact} {taker}"`: `exact` is `1` when `taker` (the other variant) claims
/// these codes exactly, so only an exact claim of the field's type conflicts (an inner range
/// containing them is fine), and `0` when any claim does. Lines of text, not a slice of
/// tuples, because rustc checks and evaluates them several times faster, and a plain
/// extractor, which claims nothing, passes at once without reading them.
#[track_caller]
pub const fn check_shadowed(claims: &str, site: &str) {
    // Returns before `check_field`'s call for a plain extractor, which claims nothing.
    if !claims.is_empty() {
        check_field(0, false, true, 0, 0, claims, site);
    }
}

/// The conflicts of `claims` with the table `shadowed` ([`check_shadowed`]), added to `report`;
/// `site`: the field's type, variant and name.
const fn shadowed_conflicts(report: &mut Report, claims: &str, shadowed: &str, site: [&str; 3]) {
    let [ty, variant, field] = site;
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
        if claims_within(claims, first, last, exact)
            && start < end
            && let Ok(taker) = core::str::from_utf8(table.split_at(end).0.split_at(start).1)
        {
            let digits = Digits::of(first);
            let last_digits = Digits::of(last);
            let (claim, codes, them) = match (exact, first == last) {
                (true, true) => ("handles", "status ", "it"),
                (true, false) => ("handles", "statuses ", "them"),
                (false, true) => ("handles some of", "status ", "it"),
                (false, false) => ("handles some of", "statuses ", "them"),
            };
            let range = if first == last { "" } else { "..=" };
            let last_text = if first == last {
                ""
            } else {
                last_digits.as_str()
            };
            report.line(&[
                "`",
                ty,
                "` (field `",
                field,
                "` of `",
                variant,
                "`) ",
                claim,
                " ",
                codes,
                digits.as_str(),
                range,
                last_text,
                ", but `",
                taker,
                "` takes ",
                them,
                " before `",
                variant,
                "` does, so that arm of `",
                ty,
                "` never runs here: remove one of the two",
            ]);
        }
        at = end + 1;
    }
}

/// The line for `field` of `variant` reading the body into memory next to a streaming field.
const fn buffered_next_to_stream(report: &mut Report, variant: &str, field: &str) {
    report.line(&[
        "field `",
        field,
        "` of `",
        variant,
        "` reads the body into memory, but another field of `",
        variant,
        "` streams it (`BodyReader`, `BodyStream`): a variant reads its body one way; remove `",
        field,
        "`, or read it from the stream",
    ]);
}

/// A status code's decimal digits, for a message.
struct Digits {
    bytes: [u8; 5],
    start: usize,
}

impl Digits {
    const fn of(mut code: u16) -> Self {
        let mut bytes = [b'0'; 5];
        let mut start = 5;
        loop {
            start -= 1;
            bytes[start] = b'0' + (code % 10) as u8;
            code /= 10;
            if code == 0 {
                break;
            }
        }
        Digits { bytes, start }
    }

    const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.bytes.split_at(self.start).1) {
            Ok(digits) => digits,
            Err(_) => "?",
        }
    }
}

/// The streaming rules for one field that reads no header and is not its variant's last field
/// (`macros/src/streaming.rs`): a streaming field must be last, and a field that reads the body
/// into memory cannot sit next to one that streams. `body` is the field type's
/// `Extract::__BODY`, `others` the other body fields' together (but the last field's, when
/// `last_body` carries it); the `Site` says where the field is.
///
/// The variant's last field has no check of its own: it can only break the second rule, and
/// only next to a streaming field that breaks the first. The first of its variant's other body
/// fields reports it: `last_body` is the last field's `__BODY` and the site names it (`0` and
/// no name for the other fields, or when the last field reads a header). One item fewer per
/// variant, and every broken rule is still reported in the one build, the last field's on the
/// line after the streaming field's. The last field's bits are not in `others` too: one trait
/// projection fewer for rustc to evaluate in the check of a two-field variant.
#[track_caller]
pub const fn check_streaming(body: u8, others: u8, last_body: u8, site: &str) {
    let others = others | last_body;
    // Returns before `check_field`'s call when no rule is broken: most fields break none, and
    // rustc evaluates every check of every derive.
    if streams_not_last(body, false)
        || reads_next_to_stream(body, others)
        || reads_next_to_stream(last_body, body | others)
    {
        check_field(body, false, false, others, last_body, "", site);
    }
}

const fn streams_not_last(body: u8, last: bool) -> bool {
    body & STREAMS != 0 && !last
}

/// A field with `body` reads the body into memory next to a field that streams it (`others`
/// holds the other fields' bits together). For the variant's last field (`last_body`, `0` when
/// the check does not report it), `others` is this field's and the others' bits.
const fn reads_next_to_stream(body: u8, others: u8) -> bool {
    body & READS != 0 && body & STREAMS == 0 && others & STREAMS != 0
}

/// A field of a variant that only no-body statuses reach (1xx, 204, 304) must not read the
/// body: fails when the field type's `Extract::__BODY` says it reads it. The `Site` names
/// the statuses that reach the variant.
#[track_caller]
pub const fn check_no_body(body: u8, site: &str) {
    if body & READS != 0 {
        check_field(body, true, true, 0, 0, "", site);
    }
}

/// Every rule of a field, in one call and one error that lists each broken rule on a line:
/// [`check_no_body`] (`no_body`: whether the rule applies), [`check_streaming`] (`last`,
/// `others`, `last_body`, as there; `last` true and `others`, `last_body` 0 when it does not
/// apply) and
/// [`check_shadowed`] (`claims`; `""` when it does not apply). The `Site` names what the
/// messages name.
#[track_caller]
pub const fn check_field(
    body: u8,
    no_body: bool,
    last: bool,
    others: u8,
    last_body: u8,
    claims: &str,
    site: &str,
) {
    let others = others | last_body;
    let reads_on_no_body = no_body && body & READS != 0;
    let stream_not_last = streams_not_last(body, last);
    let buffered_next_to = reads_next_to_stream(body, others);
    let last_next_to = reads_next_to_stream(last_body, body | others);
    // The report (a buffer) only when a rule can be broken: most fields break none.
    if !(reads_on_no_body
        || stream_not_last
        || buffered_next_to
        || last_next_to
        || !claims.is_empty())
    {
        return;
    }
    let site = Site::parse(site);
    let (variant, field) = (site.variant, site.field);
    let mut report = Report::new();
    if reads_on_no_body {
        report.line(&[
            "field `", field, "` of `", variant, "` reads the response body, but `", variant,
            "` only handles ", site.no_body,
            ", and such responses have no body: remove the field, or read a header with `#[header(\"name\")]`",
        ]);
    }
    if stream_not_last {
        report.line(&[
            "field `", field, "` of `", variant,
            "` streams the body, so it must be the variant's last field: fields are read in order, and one after the stream that failed would drop the live body; move it to the end",
        ]);
    }
    if buffered_next_to {
        buffered_next_to_stream(&mut report, variant, field);
    }
    if last_next_to {
        buffered_next_to_stream(&mut report, variant, site.last_field);
    }
    shadowed_conflicts(&mut report, claims, site.table, [site.ty, variant, field]);
    report.finish();
}

#[cfg(test)]
mod tests {
    use super::super::body_bits::{STREAMS_ASYNC, STREAMS_BLOCKING, body_bits};
    use super::*;

    const SHADOWED: &str = "404 404 1 NotFound\n409 409 1 Conflict\n500 599 0 Server";

    fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
        match payload.downcast::<String>() {
            Ok(message) => *message,
            Err(payload) => payload.downcast_ref::<&str>().unwrap().to_string(),
        }
    }

    fn fails(check: impl FnOnce() + std::panic::UnwindSafe) -> Option<String> {
        std::panic::catch_unwind(check).err().map(panic_message)
    }

    /// A `Site`, as the derive writes it: the variant, the field, the type, the last field,
    /// the no-body statuses, then the shadow table, a line each.
    fn site(
        variant: &str,
        field: &str,
        ty: &str,
        last: &str,
        no_body: &str,
        table: &str,
    ) -> String {
        format!("{variant}\n{field}\n{ty}\n{last}\n{no_body}\n{table}")
    }

    fn conflicts(claims: &'static str) -> Option<String> {
        let site = site("Failed", "0", "Option<Inner>", "", "", SHADOWED);
        fails(|| check_shadowed(claims, &site))
    }

    /// `__BODY` of a field that reads the body (`reads`), and streams it (`streams`).
    const fn body(reads: bool, streams: bool) -> u8 {
        body_bits(reads, streams, false, false)
    }

    const NOT_FOUND: &str = "`Option<Inner>` (field `0` of `Failed`) handles status 404, but `NotFound` takes it before `Failed` does, so that arm of `Option<Inner>` never runs here: remove one of the two";
    const SERVER: &str = "`Option<Inner>` (field `0` of `Failed`) handles some of statuses 500..=599, but `Server` takes them before `Failed` does, so that arm of `Option<Inner>` never runs here: remove one of the two";

    #[test]
    fn every_conflict_of_a_field_is_in_its_one_message() {
        // A plain extractor claims nothing.
        assert_eq!(conflicts(""), None);
        // A range around the exact codes the outer type takes is fine.
        assert_eq!(conflicts("400 499"), None);
        assert_eq!(conflicts("404").as_deref(), Some(NOT_FOUND));
        // A range of one code is that code; a wider range is no exact claim of the codes in it,
        // and reaches the range it overlaps by its last code.
        assert_eq!(conflicts("404 404").as_deref(), Some(NOT_FOUND));
        assert_eq!(conflicts("404 499"), None);
        assert_eq!(conflicts("300 500").as_deref(), Some(SERVER));
        let all = conflicts("404\n409\n503").unwrap();
        let lines: Vec<&str> = all.lines().collect();
        assert_eq!(lines.len(), 3, "{all}");
        assert_eq!(lines[0], NOT_FOUND);
        assert!(
            lines[1].contains("handles status 409, but `Conflict` takes it"),
            "{all}"
        );
        assert_eq!(lines[2], SERVER);
        // A range overlapping codes a range takes conflicts.
        assert_eq!(conflicts("590 610").as_deref(), Some(SERVER));
        assert_eq!(conflicts("200\n600 610"), None);
        assert_eq!(conflicts("200\n600 610\n590 610").as_deref(), Some(SERVER));
    }

    #[test]
    fn a_report_longer_than_its_capacity_is_cut() {
        let line = format!("404 404 1 {}", "X".repeat(1000));
        let table: &'static str = vec![line; 10].join("\n").leak();
        let site = site("V", "0", "T", "", "", table);
        let report = fails(|| check_shadowed("404", &site)).unwrap();
        assert_eq!(report.len(), REPORT_CAPACITY);
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
            let site = site("V", "0", "T", "", "", table);
            assert_eq!(fails(|| check_shadowed("404", &site)), None, "{table:?}");
        }
        let site = site("V", "0", "T", "", "", "404 404 1 M\n");
        let report = fails(|| check_shadowed("404", &site));
        assert!(report.unwrap().contains("but `M` takes it before `V` does"));
    }

    #[test]
    fn every_broken_rule_of_a_field_is_in_its_one_error() {
        let site = site(
            "Failed",
            "0",
            "Option<Inner>",
            "",
            "204 No Content",
            SHADOWED,
        );
        let check = |reads, streams, last, others: bool, claims: &'static str| {
            let site = site.clone();
            fails(move || {
                check_field(
                    body(reads, streams),
                    true,
                    last,
                    body(others, others),
                    0,
                    claims,
                    &site,
                )
            })
        };
        const NO_BODY: &str = "field `0` of `Failed` reads the response body, but `Failed` only handles 204 No Content, and such responses have no body: remove the field, or read a header with `#[header(\"name\")]`";
        const NOT_LAST: &str = "field `0` of `Failed` streams the body, so it must be the variant's last field: fields are read in order, and one after the stream that failed would drop the live body; move it to the end";
        const NEXT_TO: &str = "field `0` of `Failed` reads the body into memory, but another field of `Failed` streams it (`BodyReader`, `BodyStream`): a variant reads its body one way; remove `0`, or read it from the stream";
        assert_eq!(check(false, false, false, false, ""), None);
        assert_eq!(
            check(true, false, false, false, "").as_deref(),
            Some(NO_BODY)
        );
        assert_eq!(
            check(true, true, false, false, "404"),
            Some(format!("{NO_BODY}\n{NOT_LAST}\n{NOT_FOUND}"))
        );
        assert_eq!(
            check(true, false, true, true, "500"),
            Some(format!("{NO_BODY}\n{NEXT_TO}\n{SERVER}"))
        );
        // A rule that does not apply: not a no-body variant, `last`, no claims.
        let site = self::site("V", "0", "", "", "", "");
        assert_eq!(
            fails(|| check_field(body(true, true), false, true, STREAMS, 0, "", &site)),
            None
        );
        // A site with fewer lines reads the missing ones as empty.
        assert_eq!(
            fails(|| check_field(body(true, false), true, true, 0, 0, "", "V")).as_deref(),
            Some(
                "field `` of `V` reads the response body, but `V` only handles , and such responses have no body: remove the field, or read a header with `#[header(\"name\")]`"
            )
        );
    }

    #[test]
    fn streaming_rules() {
        let site = site("V", "1", "", "", "", "");
        let check = |reads, streams, others: bool| {
            let site = site.clone();
            fails(move || check_streaming(body(reads, streams), body(others, others), 0, &site))
        };
        // The last field: `check_field` with `last`, as for a field under other rules too.
        let stream_last = fails(|| check_field(body(true, true), false, true, 0, 0, "", &site));
        assert_eq!(stream_last, None);
        assert!(
            check(true, true, false)
                .unwrap()
                .contains("must be the variant's last")
        );
        assert!(
            check(true, false, true)
                .unwrap()
                .contains("reads the body into memory")
        );
        assert_eq!(check(true, false, false), None);
        assert_eq!(check(false, false, true), None);
        let site = self::site("V", "0", "", "", "1xx", "");
        assert!(
            fails(|| check_no_body(READS, &site))
                .unwrap()
                .contains("`V` only handles 1xx, and such responses have no body")
        );
        assert_eq!(fails(|| check_no_body(0, &site)), None);
        assert_eq!(fails(|| check_no_body(STREAMS_ASYNC, &site)), None);
    }

    #[test]
    fn the_first_field_reports_the_last_one_next_to_a_stream() {
        let buffered = body(true, false);
        let stream = body(true, true);
        // `Both(BodyReader, String)`: field 0 streams and is not last, field 1 reads into
        // memory; both lines in field 0's error. The last field's bits come apart from the
        // others' (here none), as the derive passes them.
        let reports_1 = site("Both", "0", "", "1", "", "");
        let report = fails(|| check_streaming(stream, 0, buffered, &reports_1)).unwrap();
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines.len(), 2, "{report}");
        assert!(
            lines[0].starts_with("field `0` of `Both` streams the body"),
            "{report}"
        );
        assert!(
            lines[1].starts_with("field `1` of `Both` reads the body into memory"),
            "{report}"
        );
        // `Both(StatusCode, BodyStream, String)` seen from field 0: another field streams.
        let reports_2 = site("Both", "0", "", "2", "", "");
        let report = fails(|| check_streaming(0, stream, buffered, &reports_2));
        assert!(
            report
                .unwrap()
                .starts_with("field `2` of `Both` reads the body into memory")
        );
        // No stream: nothing to report; a last field that streams is where it must be.
        assert_eq!(
            fails(|| check_streaming(buffered, 0, buffered, &reports_1)),
            None
        );
        assert_eq!(fails(|| check_streaming(0, 0, stream, &reports_1)), None);
        // A buffered field next to the last field that streams: this field's line only.
        let report = fails(|| check_streaming(buffered, 0, stream, &reports_1)).unwrap();
        assert!(
            report.starts_with("field `0` of `Both` reads the body into memory"),
            "{report}"
        );
        assert_eq!(report.lines().count(), 1, "{report}");
        // The last field reported by none of the others (`0`): nothing to report for it.
        let no_last = site("Both", "0", "", "", "", "");
        assert_eq!(
            fails(|| check_streaming(0, stream | buffered, 0, &no_last)),
            None
        );
    }

    #[test]
    fn malformed_claims_are_read_without_panicking() {
        // Only the derive writes claims; a broken line reads as the numbers its digits make.
        for claims in ["\n", " ", "x", "404 ", "404 x", "\n\n404", "99999 99999"] {
            // A panic other than the report (an index out of bounds) would come back here too.
            if let Some(report) = conflicts(claims) {
                assert!(
                    report.starts_with("`Option<Inner>` (field `0`"),
                    "{claims:?}: {report}"
                );
            }
        }
        assert_eq!(conflicts("\n\n404").as_deref(), Some(NOT_FOUND));
        assert_eq!(conflicts("x\n404").as_deref(), Some(NOT_FOUND));
    }

    #[test]
    fn digits_of_a_code() {
        for code in [0, 7, 42, 100, 404, 999, 65535] {
            assert_eq!(Digits::of(code).as_str(), code.to_string());
        }
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
