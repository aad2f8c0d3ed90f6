use std::time::UNIX_EPOCH;

use super::*;
use crate::headers::test_support::with_headers;

/// 1994-11-06 08:49:37 UTC, the date of RFC 9110's examples.
const EXAMPLE: u64 = 784_111_777;

#[test]
fn delay_seconds() {
    // RFC 9110 §10.2.3 example, and GitHub's secondary-rate-limit answer.
    assert_eq!(
        "120".parse::<RetryAfter>().unwrap(),
        RetryAfter(Wait::After(Duration::from_secs(120)))
    );
    assert_eq!(
        "60".parse::<RetryAfter>().unwrap().delay(),
        Duration::from_secs(60)
    );
    assert_eq!(
        " 0 ".parse::<RetryAfter>().unwrap(),
        RetryAfter(Wait::After(Duration::ZERO))
    );
    assert_eq!(
        "18446744073709551615".parse::<RetryAfter>().unwrap(),
        RetryAfter(Wait::After(Duration::from_secs(u64::MAX)))
    );
}

#[test]
fn all_three_date_formats() {
    let expected = RetryAfter(Wait::At(UNIX_EPOCH + Duration::from_secs(EXAMPLE)));
    for value in [
        "Sun, 06 Nov 1994 08:49:37 GMT",  // IMF-fixdate (RFC 9110 §5.6.7)
        "Sunday, 06-Nov-94 08:49:37 GMT", // obsolete RFC 850
        "Sun Nov  6 08:49:37 1994",       // asctime
    ] {
        assert_eq!(value.parse::<RetryAfter>().unwrap(), expected, "{value}");
    }
    // RFC 9110 §10.2.3 example.
    assert!(matches!(
        "Fri, 31 Dec 1999 23:59:59 GMT".parse::<RetryAfter>(),
        Ok(RetryAfter(Wait::At(_)))
    ));
}

#[test]
fn dates_before_1970_are_in_the_past() {
    // 1900-01-01 was a Monday; -2 208 988 800 s from the epoch.
    let expected = RetryAfter(Wait::At(UNIX_EPOCH - Duration::from_secs(2_208_988_800)));
    for value in ["Mon, 01 Jan 1900 00:00:00 GMT", "Mon Jan  1 00:00:00 1900"] {
        assert_eq!(value.parse::<RetryAfter>().unwrap(), expected, "{value}");
    }
    assert_eq!(expected.delay(), Duration::ZERO);
    assert_eq!(
        "Wed, 31 Dec 1969 23:59:59 GMT"
            .parse::<RetryAfter>()
            .unwrap(),
        RetryAfter(Wait::At(UNIX_EPOCH - Duration::from_secs(1)))
    );
    assert_eq!(
        "Sat, 01 Jan 0000 00:00:00 GMT"
            .parse::<RetryAfter>()
            .unwrap(),
        RetryAfter(Wait::At(UNIX_EPOCH - Duration::from_secs(62_167_219_200)))
    );
    for value in [
        "Tue, 01 Jan 1900 00:00:00 GMT", // the wrong weekday
        "Mon, 01 Jan +900 00:00:00 GMT",
        "Mon, 01 Jan 1900 24:00:00 GMT",
    ] {
        assert!(value.parse::<RetryAfter>().is_err(), "{value}");
    }
}

#[test]
fn delay_from_a_date() {
    let retry = RetryAfter(Wait::At(UNIX_EPOCH + Duration::from_secs(EXAMPLE)));
    let before = UNIX_EPOCH + Duration::from_secs(EXAMPLE - 90);
    assert_eq!(retry.delay_from(before), Duration::from_secs(90));
    let after = UNIX_EPOCH + Duration::from_secs(EXAMPLE + 5);
    assert_eq!(retry.delay_from(after), Duration::ZERO);
    assert_eq!(retry.delay(), Duration::ZERO, "1994 is long past");
    assert_eq!(
        RetryAfter(Wait::After(Duration::from_secs(3))).at(before),
        Some(before + Duration::from_secs(3))
    );
    assert_eq!(RetryAfter(Wait::After(Duration::MAX)).at(before), None);
}

#[test]
fn malformed_values_are_errors() {
    for (value, reason) in [
        ("-5", "the delay is negative"),
        (
            "1.5",
            "the delay is fractional (delay-seconds is whole seconds)",
        ),
        ("+30", "the delay has a sign (delay-seconds is digits only)"),
        ("soon", "neither delay-seconds nor an HTTP-date"),
        ("30s", "neither delay-seconds nor an HTTP-date"),
        (
            "2024-01-01T00:00:00Z",
            "neither delay-seconds nor an HTTP-date",
        ),
        (
            "Sun, 06 Nov 1994 08:49:37",
            "neither delay-seconds nor an HTTP-date",
        ),
        (
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "neither delay-seconds nor an HTTP-date",
        ),
        ("120, 120", "neither delay-seconds nor an HTTP-date"),
    ] {
        let error = value.parse::<RetryAfter>().unwrap_err();
        assert_eq!(error.to_string(), reason, "{value}");
    }
}

#[test]
fn milliseconds_win_in_azures_order() {
    let read = |headers: &[(&str, &str)]| {
        with_headers(headers)
            .extract::<Option<RetryAfter>>()
            .map_err(|error| error.to_string())
    };
    let ms = |millis| Ok(Some(RetryAfter(Wait::After(Duration::from_millis(millis)))));
    assert_eq!(read(&[("retry-after-ms", "1500")]), ms(1500));
    assert_eq!(read(&[("x-ms-retry-after-ms", "250")]), ms(250));
    assert_eq!(
        read(&[
            ("retry-after", "2"),
            ("x-ms-retry-after-ms", "1500"),
            ("retry-after-ms", "1400")
        ]),
        ms(1400)
    );
    assert_eq!(
        read(&[("retry-after", "2"), ("x-ms-retry-after-ms", "1500")]),
        ms(1500)
    );
    assert_eq!(
        read(&[("retry-after-ms", "0.5")]),
        Ok(Some(RetryAfter(Wait::After(Duration::from_micros(500)))))
    );
    // A malformed one is skipped when a later one parses...
    assert_eq!(
        read(&[("retry-after-ms", "soon"), ("retry-after", "3")]),
        Ok(Some(RetryAfter(Wait::After(Duration::from_secs(3)))))
    );
    // ...and named when none does.
    for (headers, reason) in [
        (
            &[("retry-after-ms", "-1")][..],
            "header `retry-after-ms` has an invalid value: not a non-negative number of milliseconds",
        ),
        (
            &[("x-ms-retry-after-ms", "1.")][..],
            "header `x-ms-retry-after-ms` has an invalid value: not a non-negative number of milliseconds",
        ),
        (
            &[("x-ms-retry-after-ms", "1e3"), ("retry-after", "x")][..],
            "header `x-ms-retry-after-ms` has an invalid value: not a non-negative number of milliseconds",
        ),
    ] {
        assert_eq!(
            read(headers).unwrap_err().to_string(),
            reason,
            "{headers:?}"
        );
    }
    assert_eq!(read(&[("retry-after-ms", "")]), Ok(None));
}

/// RFC 9111 §1.2.2: a delta-seconds too large to represent is the greatest one.
#[test]
fn a_delay_too_large_to_represent_is_the_longest_wait() {
    let read = |headers: &[(&str, &str)]| {
        with_headers(headers)
            .extract::<Option<RetryAfter>>()
            .map_err(|error| error.to_string())
    };
    let longest = Some(RetryAfter(Wait::After(Duration::from_secs(u64::MAX))));
    for digits in [20, 40, 400] {
        let value = "9".repeat(digits);
        assert_eq!(
            read(&[("retry-after", &value)]),
            Ok(longest),
            "{digits} digits"
        );
    }
    let millis = Some(RetryAfter(Wait::After(Duration::from_millis(u64::MAX))));
    assert_eq!(read(&[("retry-after-ms", &"9".repeat(40))]), Ok(millis));
    assert_eq!(read(&[("retry-after", "")]), Ok(None));
}

#[test]
fn the_extractor_tells_absent_from_malformed() {
    let ok = with_headers(&[("retry-after", "30")]).extract::<RetryAfter>();
    assert_eq!(
        ok.unwrap(),
        RetryAfter(Wait::After(Duration::from_secs(30)))
    );
    let absent = with_headers(&[]).extract::<Option<RetryAfter>>();
    assert_eq!(absent.unwrap(), None);
    let bad = with_headers(&[("retry-after", "-1")])
        .extract::<Option<RetryAfter>>()
        .unwrap_err();
    assert_eq!(
        bad.to_string(),
        "header `retry-after` has an invalid value: the delay is negative"
    );
}
