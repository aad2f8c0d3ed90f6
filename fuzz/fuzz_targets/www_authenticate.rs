//! `WWW-Authenticate`: several challenges, several lines; the lenient (curl's) and the strict
//! (RFC 9110's) readings against each other.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use response_handler::WwwAuthenticate;

fuzz_target!(|data: &[u8]| {
    let response = common::response_with_lines(&["www-authenticate"], data);
    common::check::<WwwAuthenticate>(&response);
    if let Ok(auth) = response.extract::<WwwAuthenticate>() {
        for challenge in auth.challenges() {
            let _ = (challenge.scheme(), challenge.realm(), challenge.error(), challenge.token68());
        }
    }
    let Ok(text) = core::str::from_utf8(data) else { return };
    let lines: Vec<&str> = text.split('\n').collect();
    if let Ok(strict) = WwwAuthenticate::parse_strict(lines.iter().copied()) {
        // The lenient reading accepts every value the strict one does, and finds the same
        // first scheme on each line.
        let lenient = WwwAuthenticate::parse(lines.iter().copied())
            .expect("the lenient reading accepts what the strict one does");
        assert_eq!(
            strict.challenges().first().map(|c| c.scheme()),
            lenient.challenges().first().map(|c| c.scheme())
        );
    }
});
