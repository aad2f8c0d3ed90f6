//! `ETag` and `Last-Modified`, and the conditional headers built from them; the lenient and the
//! strict `ETag` readings against each other.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use response_handler::{ETag, LastModified, Validators};

fuzz_target!(|data: &[u8]| {
    let response = common::response_with_lines(&["etag", "last-modified"], data);
    common::check::<ETag>(&response);
    common::check::<LastModified>(&response);
    common::check::<Validators>(&response);
    if let Ok(validators) = response.extract::<Validators>() {
        let _ = (validators.if_none_match(), validators.if_match(), validators.if_modified_since());
        let _ = (validators.revalidation_headers(), validators.precondition_headers());
    }
    if let Ok(etag) = response.extract::<ETag>() {
        assert!(etag.strong_eq(&etag) != etag.is_weak(), "a strong tag matches itself, a weak one never does");
        // Echoed verbatim: the first line, trimmed, byte for byte.
        let line = response.headers().get("etag").and_then(|value| core::str::from_utf8(value.as_bytes()).ok());
        let echoed = etag.to_header_value();
        assert_eq!(Some(echoed.as_bytes()), line.map(|line| line.trim().as_bytes()));
        assert_eq!(etag.as_str().parse::<ETag>().as_ref(), Ok(&etag), "reading is idempotent");
    }
    if let Ok(text) = core::str::from_utf8(data) {
        // Whatever the RFC's grammar reads, the lenient reading reads the same way.
        if let Ok(strict) = ETag::parse_strict(text) {
            let lenient: ETag = text.parse().expect("the lenient reading accepts what the strict one does");
            assert_eq!((lenient.is_weak(), lenient.tag()), (strict.is_weak(), strict.tag()));
        }
    }
});
