//! `WWW-Authenticate`: several challenges, several lines, lenient parsing.
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
});
