//! `Content-Type`: the WHATWG reading and the strict RFC 9110 reading against each other.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use response_handler::ContentType;

fuzz_target!(|data: &[u8]| {
    let response = common::response_with_lines(&["content-type"], data);
    common::check::<ContentType>(&response);
    let Ok(text) = core::str::from_utf8(data) else { return };
    let lenient = text.parse::<ContentType>();
    if let Ok(media) = &lenient {
        let _ = (media.main_type(), media.subtype(), media.suffix(), media.charset(), media.is_json());
        // What it writes, it reads back the same, leniently and strictly.
        let written = media.to_string();
        assert_eq!(written.parse::<ContentType>().as_ref(), Ok(media), "{written}");
        assert_eq!(ContentType::parse_strict(&written).as_ref(), Ok(media), "{written}");
    }
    if let Ok(strict) = ContentType::parse_strict(text) {
        // The lenient reading accepts every value the strict one does, with the same media type.
        let media = lenient.as_ref().expect("lenient reads what strict reads");
        assert_eq!(media.essence(), strict.essence());
    }
});
