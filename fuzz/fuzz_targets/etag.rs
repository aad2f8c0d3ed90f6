//! `ETag` and `Last-Modified`, and the conditional headers built from them.
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
    }
});
