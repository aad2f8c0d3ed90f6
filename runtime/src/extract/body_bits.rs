//! `Extract::__BODY`: what a field type does with the body, as the bits of one `u8`, which the
//! derive's compile-time checks and `ResponseHandler::__FACTS` read (one projection per field
//! type where four cost rustc four; BENCHMARKS.md, "Compile time"). A leaf: it uses nothing of
//! the crate.

/// The field type reads the body (`Extract::READS_BODY`).
pub const READS: u8 = 1;
/// The field type streams the body (`Extract::__STREAMS`).
pub const STREAMS: u8 = 2;
/// The field type streams with blocking I/O (`Extract::__STREAMS_BLOCKING`).
pub const STREAMS_BLOCKING: u8 = 4;
/// The field type streams an async body (`Extract::__STREAMS_ASYNC`).
pub const STREAMS_ASYNC: u8 = 8;

/// `Extract::__BODY` from the four consts it gathers.
pub const fn body_bits(reads: bool, streams: bool, blocking: bool, async_body: bool) -> u8 {
    ((reads as u8) * READS)
        | ((streams as u8) * STREAMS)
        | ((blocking as u8) * STREAMS_BLOCKING)
        | ((async_body as u8) * STREAMS_ASYNC)
}
