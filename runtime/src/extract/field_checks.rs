//! The compile-time checks the derive emits for its fields' types, as `#[track_caller]` const
//! functions: the generated code calls one per field in a `const _: () = ...;` item spanned on
//! the field's type, and when a rule is broken, rustc reports the panic there, exactly as for a
//! `panic!` written in place (a tracked caller's location is the call). One call per field, not
//! one item with its own `panic!` per rule and code, keeps the checks cheap to compile: each
//! `panic!` in a constant costs rustc about as much as a small function (BENCHMARKS.md,
//! "Compile time").

// These functions run only in constants: their panic is a compile error at the field (the
// point of them), never a panic at run time; the indexing is bounded by the loops' conditions.
#![allow(clippy::panic, clippy::indexing_slicing)]

use super::delegate::{claims_any_within, claims_exact_within};

/// A code or range of codes that the outer type sends to another variant before the delegating
/// one: `(first, last, exact, message)`. `exact`: the other variant claims these codes exactly,
/// so only an exact claim of the field's type conflicts (an inner range containing them is
/// fine); otherwise any claim does. `message` is the error for a conflict.
pub type Shadowed = (u16, u16, bool, &'static str);

/// Fails with every conflict of `claims` (the field type's `Extract::__CLAIMS`) with
/// `shadowed`, one message a line; `N` is at least the length of all messages and their line
/// breaks together (the derive computes it). Plain extractors claim nothing and pass at once.
#[track_caller]
pub const fn check_shadowed<const N: usize>(claims: &[(u16, u16)], shadowed: &[Shadowed]) {
    if claims.is_empty() {
        return;
    }
    let mut message = [0u8; N];
    let mut len = 0;
    let mut rest = shadowed;
    while let [(first, last, exact, conflict), tail @ ..] = rest {
        let hit = if *exact {
            claims_exact_within(claims, *first, *last)
        } else {
            claims_any_within(claims, *first, *last)
        };
        if hit {
            if len > 0 {
                len = append(&mut message, len, b"\n");
            }
            len = append(&mut message, len, conflict.as_bytes());
        }
        rest = tail;
    }
    if len > 0 {
        match core::str::from_utf8(message.split_at(len).0) {
            Ok(message) => panic!("{}", message),
            Err(_) => panic!("a field's type claims a status that another variant takes first"),
        }
    }
}

/// `bytes` copied into `buffer` at `len`, as far as it fits; the new length.
const fn append(buffer: &mut [u8], mut len: usize, bytes: &[u8]) -> usize {
    let mut index = 0;
    while index < bytes.len() && len < buffer.len() {
        buffer[len] = bytes[index];
        len += 1;
        index += 1;
    }
    len
}

/// The streaming rules for one field that reads no header, in a variant with another such
/// field or a header field after it (`macros/src/streaming.rs`): a streaming field must be last
/// (`not_last`: the error when it is not), and a field that reads the body into memory cannot
/// sit next to one that streams (`others_stream`: whether another field of the variant streams;
/// `buffered_next_to_stream`: the error).
#[track_caller]
pub const fn check_streaming(
    reads_body: bool,
    streams: bool,
    last: bool,
    others_stream: bool,
    not_last: &str,
    buffered_next_to_stream: &str,
) {
    if streams && !last {
        panic!("{}", not_last);
    }
    if reads_body && !streams && others_stream {
        panic!("{}", buffered_next_to_stream);
    }
}

/// A field of a variant that only no-body statuses reach (1xx, 204, 304) must not read the
/// body: fails with `message` when `reads_body` (the field type's `Extract::READS_BODY`).
#[track_caller]
pub const fn check_no_body(reads_body: bool, message: &str) {
    if reads_body {
        panic!("{}", message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHADOWED: &[Shadowed] = &[
        (404, 404, true, "404 taken"),
        (409, 409, true, "409 taken"),
        (500, 599, false, "5xx taken"),
    ];

    fn conflicts(claims: &'static [(u16, u16)]) -> Option<String> {
        std::panic::catch_unwind(|| check_shadowed::<64>(claims, SHADOWED))
            .err()
            .map(|payload| match payload.downcast::<String>() {
                Ok(message) => *message,
                Err(payload) => payload.downcast_ref::<&str>().unwrap().to_string(),
            })
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
    }

    #[test]
    fn a_message_longer_than_its_buffer_is_cut() {
        let cut = std::panic::catch_unwind(|| check_shadowed::<5>(&[(404, 404)], SHADOWED));
        let payload = cut.unwrap_err();
        assert_eq!(payload.downcast_ref::<String>().unwrap(), "404 t");
    }

    #[test]
    fn streaming_rules() {
        let fails = |reads, streams, last, others| {
            std::panic::catch_unwind(|| {
                check_streaming(reads, streams, last, others, "not last", "next to")
            })
            .err()
            .map(|payload| *payload.downcast::<String>().unwrap())
        };
        assert_eq!(fails(true, true, true, false), None);
        assert_eq!(fails(true, true, false, false).as_deref(), Some("not last"));
        assert_eq!(fails(true, false, false, true).as_deref(), Some("next to"));
        assert_eq!(fails(true, false, false, false), None);
        assert_eq!(fails(false, false, false, true), None);
        assert!(std::panic::catch_unwind(|| check_no_body(true, "m")).is_err());
        check_no_body(false, "m");
    }
}
