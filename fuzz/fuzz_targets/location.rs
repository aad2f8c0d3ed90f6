//! `Location`, resolved against a request URI: the first line is the request URI, the rest the
//! header lines. Besides never panicking, the result must agree with the WHATWG URL Standard
//! (the `url` crate) wherever it is a promise: `same_origin()` never `Some(true)` where the
//! standard reads another origin, `to_uri()` never a target the standard rejects or reads
//! elsewhere (`agreement::check_security`; the whole agreement runs in `cargo test`).
#![no_main]

#[path = "common.rs"]
mod common;

// The fuzz target asks only the security half of the agreement (`check_security`); the
// rejection checks run in `tests/location_whatwg.rs`.
#[allow(dead_code)]
#[path = "../../tests/location_whatwg/agreement.rs"]
mod agreement;

use libfuzzer_sys::fuzz_target;
use response_handler::{BufferedResponse, Location, RequestContext};

fuzz_target!(|data: &[u8]| {
    let (first, rest) = match data.iter().position(|byte| *byte == b'\n') {
        Some(index) => (&data[..index], &data[index + 1..]),
        None => (data, &[][..]),
    };
    let (mut head, body) = common::response_with_lines(&["location"], rest).into_parts();
    let base = http::Uri::try_from(first).ok();
    if let Some(uri) = &base {
        head.extensions.insert(RequestContext::new(http::Method::GET, uri.clone()));
    }
    let value = head
        .headers
        .get("location")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let response = BufferedResponse::from_parts(head, body);
    common::check::<Location>(&response);
    if let Ok(location) = response.extract::<Location>() {
        let _ = (location.as_str(), location.resolved(), location.to_uri(), location.same_origin());
        if location.is_same_origin() {
            assert_eq!(location.same_origin(), Some(true));
        }
        let base = base.as_ref().filter(|uri| uri.scheme().is_some());
        if let Some(value) = value
            && let Err(disagreement) = agreement::check_security(&value, base, &location)
        {
            panic!("{disagreement}");
        }
    }
    // The public parser sees what no header value can hold (C0 controls, DEL): the same
    // agreement, on the raw bytes of the rest as one value.
    if let Ok(value) = core::str::from_utf8(rest)
        && let Ok(location) = Location::parse(value, base.as_ref())
        && let Err(disagreement) = agreement::check_security(
            value,
            base.as_ref().filter(|uri| uri.scheme().is_some()),
            &location,
        )
    {
        panic!("{disagreement}");
    }
});
