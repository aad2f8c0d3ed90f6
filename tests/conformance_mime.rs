//! `ContentType` held against the WHATWG's own test data for "parse a MIME type" (MIME Sniffing
//! §4.4): WPT's `mimesniff/mime-types/resources/mime-types.json` and
//! `generated-mime-types.json`, committed under `tests/conformance/wpt/` (source and commit in
//! the README there; CONFORMANCE.md has the counts).
//!
//! Every case is read twice: as a `&str` through `FromStr`, and, when `http` can carry it, as the
//! header bytes a server sends (each code point up to U+00FF as one byte) through
//! `TypedHeader::decode`. Both must give WPT's `output` (`null`: no media type), except for the
//! inputs in [`DIFFERENCES`]; a new disagreement fails, and so does a listed one that went away.

use http::{HeaderMap, HeaderValue, header::CONTENT_TYPE};
use response_handler::{ContentType, TypedHeader};
use serde::Deserialize;

const MIME_TYPES: &str = include_str!("conformance/wpt/mime-types.json");
const GENERATED: &str = include_str!("conformance/wpt/generated-mime-types.json");

/// Inputs on which `ContentType` deliberately reads otherwise than the standard, and why.
/// Empty: every case agrees on both paths (see CONFORMANCE.md for what is outside the data).
const DIFFERENCES: &[(&str, &str)] = &[];

/// One case; the data files also hold section titles (plain strings), skipped.
#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Case {
        input: String,
        output: Option<String>,
    },
    #[allow(dead_code)]
    Title(String),
}

fn cases(json: &str) -> Vec<(String, Option<String>)> {
    serde_json::from_str::<Vec<Entry>>(json)
        .unwrap()
        .into_iter()
        .filter_map(|entry| match entry {
            Entry::Case { input, output } => Some((input, output)),
            Entry::Title(_) => None,
        })
        .collect()
}

/// What `FromStr` makes of `input`, serialized; `None` when it is not a media type.
fn from_str(input: &str) -> Option<String> {
    input
        .parse::<ContentType>()
        .ok()
        .map(|media| media.to_string())
}

/// What `TypedHeader::decode` makes of `input` sent as bytes (Latin-1); `None` inside when it is
/// not a media type (an empty value is no header), the outer `None` when the value cannot be a
/// header at all (a code point above U+00FF, or a control `http` refuses).
fn from_header(input: &str) -> Option<Option<String>> {
    let bytes = input
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect::<Option<Vec<u8>>>()?;
    let value = HeaderValue::from_bytes(&bytes).ok()?;
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, value);
    Some(
        ContentType::decode(&headers, None)
            .ok()
            .flatten()
            .map(|media| media.to_string()),
    )
}

struct Tally {
    cases: usize,
    agree: usize,
    header_cases: usize,
    header_agree: usize,
    unexpected: Vec<String>,
    listed_but_agreeing: Vec<&'static str>,
}

fn run(data: &[(String, Option<String>)]) -> Tally {
    let mut tally = Tally {
        cases: 0,
        agree: 0,
        header_cases: 0,
        header_agree: 0,
        unexpected: Vec::new(),
        listed_but_agreeing: Vec::new(),
    };
    for (input, expected) in data {
        let listed = DIFFERENCES.iter().find(|(listed, _)| listed == input);
        let ours = from_str(input);
        let header = from_header(input);
        tally.cases += 1;
        let str_agrees = ours == *expected;
        tally.agree += usize::from(str_agrees);
        let header_agrees = match &header {
            Some(got) => {
                tally.header_cases += 1;
                tally.header_agree += usize::from(got == expected);
                got == expected
            }
            None => true,
        };
        match (str_agrees && header_agrees, listed) {
            (true, Some((listed, _))) => tally.listed_but_agreeing.push(listed),
            (false, None) => tally.unexpected.push(format!(
                "{input:?}: WPT {expected:?}, FromStr {ours:?}, header {header:?}"
            )),
            _ => {}
        }
    }
    tally
}

fn check(name: &str, json: &str, cases_in_file: usize) {
    let data = cases(json);
    assert_eq!(
        data.len(),
        cases_in_file,
        "{name}: the committed data changed"
    );
    let tally = run(&data);
    eprintln!(
        "{name}: {}/{} agree as strings, {}/{} as header values",
        tally.agree, tally.cases, tally.header_agree, tally.header_cases
    );
    assert!(
        tally.unexpected.is_empty() && tally.listed_but_agreeing.is_empty(),
        "{name}: {} disagreements not in DIFFERENCES:\n{}\nlisted but agreeing now: {:?}",
        tally.unexpected.len(),
        tally.unexpected.join("\n"),
        tally.listed_but_agreeing
    );
}

#[test]
fn wpt_mime_types_json() {
    check("mime-types.json", MIME_TYPES, 57);
}

#[test]
fn wpt_generated_mime_types_json() {
    check("generated-mime-types.json", GENERATED, 881);
}

#[test]
fn a_latin1_parameter_is_read_byte_by_byte_as_browsers_read_it() {
    // `charset=é` in ISO-8859-1: one byte 0xE9, not UTF-8. Browsers keep the parameter.
    let mut headers = HeaderMap::new();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_bytes(b"text/plain; name=caf\xe9; charset=utf-8").unwrap(),
    );
    let media = ContentType::decode(&headers, None).unwrap().unwrap();
    assert_eq!(media.param("name"), Some("caf\u{e9}"));
    assert_eq!(media.charset(), Some("utf-8"));
}
