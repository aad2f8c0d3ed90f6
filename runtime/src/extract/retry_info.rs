//! `RetryInfo`: the wait Google APIs put into the error body (`google.rpc.RetryInfo`) instead of
//! a `Retry-After` header.

use std::time::Duration;

use serde_json::Value;

use crate::error::ExtractError;
use crate::extract::Extract;
use crate::headers::{RetryAfter, Wait};
use crate::response::BufferedResponse;

/// The `@type` of the detail this reads.
const RETRY_INFO_TYPE: &str = "type.googleapis.com/google.rpc.RetryInfo";

/// The largest protobuf `Duration`: 10 000 years (google/protobuf/duration.proto).
const MAX_SECONDS: u64 = 315_576_000_000;

/// How long Google asks the client to wait, from a `google.rpc.RetryInfo` detail of the error
/// body (feature `json`).
///
/// Google APIs (Cloud, Gemini, Maps, ...) answer an error with a JSON body in the shape of
/// `google.rpc.Status` (cloud.google.com/apis/design/errors, AIP-193):
/// `{"error": {"code": 429, "message": "...", "status": "RESOURCE_EXHAUSTED", "details": [...]}}`.
/// When they want the client to come back later, one of the details is a `RetryInfo`:
/// `{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "3.5s"}`. The delay is a
/// protobuf `Duration` in its JSON form: seconds with up to nine fractional digits and an `s`.
/// A body that is a JSON array of such objects (the Gemini API's streaming endpoints) is read
/// too; the first `RetryInfo` found wins.
///
/// # Absent and malformed
///
/// The hint is absent — `None` for an `Option<RetryInfo>` field — when the body is empty, is no
/// JSON (an HTML page from a proxy), has no `error.details`, no `RetryInfo` among them, or a
/// `RetryInfo` without `retryDelay` (protobuf's JSON leaves unset fields out). A `retryDelay` that
/// is present but no `Duration` — not a string, negative, no `s`, more than nine fractional
/// digits, beyond 10 000 years — is an error, also under `Option`. A `RetryInfo` field without
/// `Option` fails with an [`ExtractError::Custom`] when the hint is absent.
///
/// [`retry_after`](Self::retry_after) gives the same wait as a [`RetryAfter`] (its
/// [`Wait`](crate::Wait) is a span), which a `#[retry]` variant reads as it reads the header.
///
/// ```
/// use std::time::Duration;
/// use response_handler::{ResponseHandler, RetryAfter, RetryInfo, Wait};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Generate {
///     #[on_success]
///     Done(String),
///     #[on(429, 503)]
///     Later(Option<RetryAfter>, Option<RetryInfo>),
/// }
///
/// let body = r#"{"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "message": "Quota exceeded.",
///   "details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "38.5s"}]}}"#;
/// let response = http::Response::builder().status(429).body(body).unwrap();
/// let Generate::Later(None, Some(info)) = Generate::from_response(response).unwrap() else { panic!() };
/// assert_eq!(info.delay(), Duration::from_millis(38_500));
/// assert_eq!(info.retry_after(), RetryAfter(Wait::After(Duration::from_millis(38_500))));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RetryInfo {
    delay: Duration,
}

impl RetryInfo {
    /// The wait Google asks for, counted from when the response arrived.
    pub fn delay(&self) -> Duration {
        self.delay
    }

    /// The same wait as a [`RetryAfter`]: a [`Wait::After`](crate::Wait::After).
    pub fn retry_after(&self) -> RetryAfter {
        RetryAfter(Wait::After(self.delay))
    }

    /// Reads the hint from an error body: `Ok(None)` when it is absent, an error message when
    /// its `retryDelay` is malformed.
    pub fn from_body(body: &[u8]) -> Result<Option<Self>, &'static str> {
        let Ok(json) = serde_json::from_slice::<Value>(body) else {
            return Ok(None);
        };
        let statuses: &[Value] = match &json {
            Value::Array(items) => items,
            other => core::slice::from_ref(other),
        };
        let detail = statuses
            .iter()
            .filter_map(|status| status.get("error")?.get("details")?.as_array())
            .flatten()
            .find(|detail| detail.get("@type").and_then(Value::as_str) == Some(RETRY_INFO_TYPE));
        let Some(delay) = detail.and_then(|detail| detail.get("retryDelay")) else {
            return Ok(None);
        };
        let text = delay
            .as_str()
            .ok_or("google.rpc.RetryInfo: `retryDelay` is not a string")?;
        duration(text)
            .map(|delay| Some(Self { delay }))
            .ok_or("google.rpc.RetryInfo: `retryDelay` is not a non-negative protobuf Duration such as \"3.5s\"")
    }
}

impl From<RetryInfo> for RetryAfter {
    fn from(info: RetryInfo) -> Self {
        info.retry_after()
    }
}

/// A protobuf `Duration` in JSON (google/protobuf/duration.proto): `digits [ "." 1*9digits ] "s"`,
/// within 10 000 years. Negative durations are valid protobuf but no wait: `None`.
fn duration(text: &str) -> Option<Duration> {
    let number = text.strip_suffix('s')?;
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 9 {
        return None;
    }
    if number.ends_with('.') {
        return None;
    }
    let seconds: u64 = whole.parse().ok()?;
    if seconds > MAX_SECONDS {
        return None;
    }
    let mut nanos = 0u32;
    for (position, digit) in fraction.bytes().enumerate() {
        nanos += u32::from(digit - b'0') * 10u32.pow(8 - u32::try_from(position).ok()?);
    }
    Some(Duration::new(seconds, nanos))
}

/// Reads the body: see [`RetryInfo`].
impl Extract for RetryInfo {
    const READS_BODY: bool = true;

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        Self::extract_optional(response)?.ok_or_else(|| {
            ExtractError::custom("the body carries no google.rpc.RetryInfo with a retryDelay")
        })
    }

    fn extract_optional(response: &BufferedResponse) -> Result<Option<Self>, ExtractError> {
        Self::from_body(response.body()).map_err(ExtractError::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read(body: &'static str) -> Result<Option<RetryInfo>, ExtractError> {
        BufferedResponse::from(http::Response::builder().status(429).body(body).unwrap())
            .extract::<Option<RetryInfo>>()
    }

    fn delay(body: &'static str) -> Option<Duration> {
        read(body).unwrap().map(|info| info.delay())
    }

    #[test]
    fn protobuf_durations() {
        let ms = Duration::from_millis;
        for (text, expected) in [
            ("0s", Duration::ZERO),
            ("3s", ms(3000)),
            ("3.5s", ms(3500)),
            ("1.000340012s", Duration::new(1, 340_012)),
            ("38s", ms(38_000)),
            ("315576000000s", Duration::from_secs(MAX_SECONDS)),
        ] {
            assert_eq!(duration(text), Some(expected), "{text}");
        }
        for text in [
            "",
            "s",
            "3",
            "-3.5s",
            "+3s",
            "3.s",
            ".5s",
            "3.1234567891s",
            "3m",
            "3 s",
            "1e3s",
            "315576000001s",
        ] {
            assert_eq!(duration(text), None, "{text:?}");
        }
    }

    #[test]
    fn google_error_bodies() {
        // cloud.google.com/apis/design/errors: the error model, with a RetryInfo detail.
        let quota = r#"{"error": {"code": 429, "message": "Resource has been exhausted (e.g. check quota).",
            "status": "RESOURCE_EXHAUSTED", "details": [
              {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"quotaMetric": "x"}]},
              {"@type": "type.googleapis.com/google.rpc.Help", "links": []},
              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "47s"}]}}"#;
        assert_eq!(delay(quota), Some(Duration::from_secs(47)));
        // The Gemini API's streaming endpoints wrap the status in an array.
        let stream = r#"[{"error": {"code": 503, "details": [
              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "0.250s"}]}}]"#;
        assert_eq!(delay(stream), Some(Duration::from_millis(250)));
    }

    #[test]
    fn absent_and_malformed() {
        for body in [
            "",
            "<html><body>429 Too Many Requests</body></html>",
            "{\"error\": {\"code\": 429, \"message\": \"Quota exceeded\", \"status\": \"RESOURCE_EXHAUSTED\"}}",
            "{\"error\": {\"details\": [{\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\"}]}}",
            "{\"error\": {\"details\": [{\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\"}]}}",
            "{\"error\": {\"details\": \"none\"}}",
            "[1, 2]",
            "{\"error\":",
        ] {
            assert_eq!(read(body).unwrap(), None, "{body}");
        }
        let missing =
            BufferedResponse::from(http::Response::builder().status(429).body("{}").unwrap())
                .extract::<RetryInfo>()
                .unwrap_err();
        assert!(!missing.is_absent());
        assert_eq!(
            missing.to_string(),
            "the body carries no google.rpc.RetryInfo with a retryDelay"
        );
        for (body, reason) in [
            (
                r#"{"error": {"details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": 30}]}}"#,
                "google.rpc.RetryInfo: `retryDelay` is not a string",
            ),
            (
                r#"{"error": {"details": [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "-1s"}]}}"#,
                "google.rpc.RetryInfo: `retryDelay` is not a non-negative protobuf Duration such as \"3.5s\"",
            ),
        ] {
            assert_eq!(read(body).unwrap_err().to_string(), reason, "{body}");
        }
    }
}
