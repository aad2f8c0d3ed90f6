#![allow(clippy::unwrap_used)]

use super::*;

fn content_range(value: &str) -> Result<ContentRange, ParseHeaderError> {
    value.parse()
}

#[test]
fn the_forms_of_rfc_9110() {
    // RFC 9110 §14.4's own examples.
    let first = content_range("bytes 42-1233/1234").unwrap();
    assert_eq!(first.range(), Some(42..=1233));
    assert_eq!(first.complete_length(), Some(1234));
    assert!(first.is_last());
    let unknown = content_range("bytes 42-1233/*").unwrap();
    assert_eq!(unknown.complete_length(), None);
    assert!(!unknown.is_last());
    let unsatisfied = content_range("bytes */1234").unwrap();
    assert!(unsatisfied.is_unsatisfied());
    assert_eq!(unsatisfied.part_length(), None);
    // Printing gives the value back.
    for value in [
        "bytes 42-1233/1234",
        "bytes 42-1233/*",
        "bytes */1234",
        "bytes 0-0/1",
    ] {
        assert_eq!(content_range(value).unwrap().to_string(), value);
    }
}

#[test]
fn invalid_ranges_are_errors_as_rfc_9110_says() {
    for value in [
        "",
        "bytes",
        "bytes 5-4/10",
        "bytes 0-10/10",
        "bytes 0-10/5",
        "bytes */*",
        "bytes -1-5/10",
        "bytes 1-/10",
        "bytes 1-2",
        "bytes 1-2/ten",
        "bytes 18446744073709551616-1/2",
        "by\"tes 1-2/3",
    ] {
        assert!(content_range(value).is_err(), "{value}");
    }
    // The unit ignores case; other units keep their name.
    assert!(content_range("Bytes 0-9/10").unwrap().is_bytes());
    let items = content_range("items 0-9/100").unwrap();
    assert_eq!((items.unit(), items.is_bytes()), ("items", false));
}

#[test]
fn accept_ranges() {
    assert!(AcceptRanges::parse(["bytes"]).unwrap().accepts_bytes());
    assert!(
        AcceptRanges::parse(["none, BYTES"])
            .unwrap()
            .accepts_bytes()
    );
    let none = AcceptRanges::parse(["none"]).unwrap();
    assert!(!none.accepts_bytes());
    assert_eq!(none.units().collect::<Vec<_>>(), ["none"]);
    assert!(AcceptRanges::parse(["bytes items"]).is_err());
}

#[test]
fn resuming_a_download() {
    let strong = ETag::strong("v7").unwrap();
    let headers = resume_headers(5, Some(&strong));
    assert_eq!(headers[RANGE], "bytes=5-");
    assert_eq!(headers[IF_RANGE], "\"v7\"");
    // A weak validator cannot guard a range (RFC 9110 §13.1.5).
    let weak = ETag::weak("v7").unwrap();
    let headers = resume_headers(5, Some(&weak));
    assert!(!headers.contains_key(IF_RANGE));
    assert!(!resume_headers(0, None).contains_key(IF_RANGE));
}

#[test]
fn as_fields_through_decode() {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_RANGE, "bytes 0-499/1234".parse().unwrap());
    headers.append(ACCEPT_RANGES, "bytes".parse().unwrap());
    let range = ContentRange::decode(&headers, None).unwrap().unwrap();
    assert_eq!(range.part_length(), Some(500));
    assert!(
        AcceptRanges::decode(&headers, None)
            .unwrap()
            .unwrap()
            .accepts_bytes()
    );
    headers.insert(CONTENT_RANGE, "bytes 9-0/10".parse().unwrap());
    let error = ContentRange::decode(&headers, None).unwrap_err();
    assert_eq!(error.header(), Some(&CONTENT_RANGE));
}
