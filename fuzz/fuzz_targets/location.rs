//! `Location`, resolved against a request URI: the first line is the request URI, the rest the
//! header lines.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use response_handler::{BufferedResponse, Location, RequestContext};

fuzz_target!(|data: &[u8]| {
    let (first, rest) = match data.iter().position(|byte| *byte == b'\n') {
        Some(index) => (&data[..index], &data[index + 1..]),
        None => (data, &[][..]),
    };
    let (mut head, body) = common::response_with_lines(&["location"], rest).into_parts();
    if let Ok(uri) = http::Uri::try_from(first) {
        head.extensions.insert(RequestContext::new(http::Method::GET, uri));
    }
    let response = BufferedResponse::from_parts(head, body);
    common::check::<Location>(&response);
    if let Ok(location) = response.extract::<Location>() {
        let _ = (location.as_str(), location.resolved(), location.to_uri(), location.same_origin());
        if location.is_same_origin() {
            assert_eq!(location.same_origin(), Some(true));
        }
    }
});
