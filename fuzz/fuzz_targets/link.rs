//! `Link` (RFC 8288), resolved against a request URI: the first line is the request URI, the
//! rest the header lines. Besides never panicking: the strict reading, where it succeeds,
//! agrees with the lenient one; every link's target keeps `Location`'s promise that
//! `is_same_origin()` means `same_origin() == Some(true)`; and `next()`/`prev()` are links of
//! the header.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use response_handler::headers::Link;
use response_handler::{BufferedResponse, RequestContext};

fuzz_target!(|data: &[u8]| {
    let (first, rest) = match data.iter().position(|byte| *byte == b'\n') {
        Some(index) => (&data[..index], &data[index + 1..]),
        None => (data, &[][..]),
    };
    let (mut head, body) = common::response_with_lines(&["link"], rest).into_parts();
    let base = http::Uri::try_from(first).ok();
    if let Some(uri) = &base {
        head.extensions.insert(RequestContext::new(http::Method::GET, uri.clone()));
    }
    let response = BufferedResponse::from_parts(head, body);
    common::check::<Link>(&response);
    if let Ok(link) = response.extract::<Link>() {
        for value in &link {
            let target = value.target();
            let _ = (target.resolved(), target.to_uri(), value.title(), value.anchor());
            if target.is_same_origin() {
                assert_eq!(target.same_origin(), Some(true));
            }
        }
        for found in [link.next(), link.prev(), link.first(), link.last()].into_iter().flatten() {
            assert!(link.links().iter().any(|value| core::ptr::eq(value, found)));
        }
    }
    if let Ok(text) = core::str::from_utf8(rest) {
        let lines: Vec<&str> = text.split('\n').collect();
        if let Ok(strict) = Link::parse_strict(lines.iter().copied(), base.as_ref()) {
            let lenient = Link::parse(lines.iter().copied(), base.as_ref()).expect("lenient reads what strict reads");
            assert_eq!(strict, lenient, "strict and lenient readings disagree");
        }
    }
});
