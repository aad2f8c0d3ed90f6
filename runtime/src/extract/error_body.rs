//! `ErrorBody<T>`: an error response's body as JSON when it is JSON, and as text when a gateway
//! answered instead of the API.

use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ExtractError;
use crate::extract::Extract;
use crate::extract::problem::Problem;
use crate::headers::{ContentType, TypedHeader};
use crate::response::BufferedResponse;

/// The body of an error response from an API whose own errors are JSON, but whose 502s, 503s
/// and 403s may come from a proxy, a load balancer or a CDN as an HTML page or plain text
/// (feature `json`). It never fails: whatever the body is, the variant is built and the body
/// is kept.
///
/// Which variant, decided by the `Content-Type` (read as [`ContentType`] reads it, WHATWG
/// MIME Sniffing's "parse a MIME type"):
///
/// | `Content-Type` | body | variant |
/// |---|---|---|
/// | any | empty | [`Empty`](Self::Empty) |
/// | `application/problem+json` (RFC 9457 §3) | a JSON object | [`Problem`](Self::Problem) |
/// | another JSON type: `application/json`, `text/json`, `*/*+json` (RFC 6839 §3.1, WHATWG MIME Sniffing §4.6) | JSON that fits `T` | [`Json`](Self::Json) |
/// | a JSON type | not JSON, or not a `T` | [`InvalidJson`](Self::InvalidJson): the bytes and serde_json's error |
/// | absent | JSON that fits `T` | [`Json`](Self::Json) (servers forget the header) |
/// | absent, or not a JSON type (`text/html`, `text/plain`, unreadable) | UTF-8 | [`Text`](Self::Text) |
/// | absent, or not a JSON type | not UTF-8 | [`Binary`](Self::Binary) |
///
/// Text is read as UTF-8 whatever the `charset` says; a page in another encoding is
/// [`Binary`](Self::Binary), its bytes intact. `T` defaults to [`serde_json::Value`].
/// As `Option<ErrorBody<T>>`, an empty body is `None`.
///
/// ```
/// use response_handler::{ErrorBody, ResponseHandler, StatusCode};
///
/// #[derive(Debug, serde::Deserialize)]
/// struct ApiError { code: String, message: String }
///
/// #[derive(Debug, ResponseHandler)]
/// enum GetOrder {
///     #[on(200)]
///     Found(String),
///     #[on_failure]
///     Failed(StatusCode, ErrorBody<ApiError>),
/// }
///
/// // The API's own error.
/// let api = http::Response::builder()
///     .status(404)
///     .header("content-type", "application/json")
///     .body(r#"{"code": "not_found", "message": "no order 17"}"#)
///     .unwrap();
/// let GetOrder::Failed(_, ErrorBody::Json(error)) = GetOrder::from_response(api).unwrap() else { panic!() };
/// assert_eq!(error.code, "not_found");
///
/// // nginx in front of it, when the upstream is down: an HTML page, not an error of ours.
/// let nginx = http::Response::builder()
///     .status(502)
///     .header("server", "nginx/1.25.3")
///     .header("content-type", "text/html")
///     .body("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n")
///     .unwrap();
/// match GetOrder::from_response(nginx).unwrap() {
///     GetOrder::Failed(status, ErrorBody::Text(page)) => {
///         assert_eq!(status, StatusCode::BAD_GATEWAY);
///         assert!(page.contains("<title>502 Bad Gateway</title>"));
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug)]
pub enum ErrorBody<T = Value> {
    /// The `Content-Type` is a JSON type (or absent) and the body decoded as `T`.
    Json(T),
    /// The `Content-Type` is `application/problem+json` and the body is a problem details
    /// object.
    Problem(Problem),
    /// The `Content-Type` says JSON but the body is not JSON, or not a `T` (a problem details
    /// body that is no JSON object, too): the bytes, and why they did not decode.
    InvalidJson {
        /// The body, as received.
        body: Bytes,
        /// Why it did not decode (serde_json's message, with line and column).
        error: serde_json::Error,
    },
    /// The `Content-Type` is no JSON type (or absent, and the body is no `T`) and the body is
    /// UTF-8: an HTML error page, a plain-text message.
    Text(String),
    /// As [`Text`](Self::Text), but the body is not UTF-8.
    Binary(Bytes),
    /// The body is empty.
    Empty,
}

impl<T> ErrorBody<T> {
    /// The decoded JSON, if the body was a `T`.
    pub fn json(&self) -> Option<&T> {
        match self {
            Self::Json(value) => Some(value),
            _ => None,
        }
    }

    /// The decoded JSON, if the body was a `T`.
    pub fn into_json(self) -> Option<T> {
        match self {
            Self::Json(value) => Some(value),
            _ => None,
        }
    }

    /// The problem details, if the body was `application/problem+json`.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Self::Problem(problem) => Some(problem),
            _ => None,
        }
    }

    /// The body as text when it is not decoded JSON but is UTF-8: a [`Text`](Self::Text)
    /// body, or the body of [`InvalidJson`](Self::InvalidJson).
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            Self::InvalidJson { body, .. } => core::str::from_utf8(body).ok(),
            _ => None,
        }
    }

    /// `true` when the body decoded: [`Json`](Self::Json) or [`Problem`](Self::Problem).
    pub fn is_decoded(&self) -> bool {
        matches!(self, Self::Json(_) | Self::Problem(_))
    }
}

impl<T: DeserializeOwned> ErrorBody<T> {
    /// Reads `body` given the response's `headers`, as [`ErrorBody`] describes.
    pub fn from_parts(headers: &http::HeaderMap, body: &Bytes) -> Self {
        if body.is_empty() {
            return Self::Empty;
        }
        // An unreadable `Content-Type` says nothing about JSON: like a non-JSON type.
        let media = match ContentType::decode(headers, None) {
            Ok(Some(media)) => Some(media),
            Ok(None) => None,
            Err(_) => return Self::text_or_binary(body),
        };
        match media {
            Some(media) if media.is_problem_json() => match serde_json::from_slice(body) {
                Ok(problem) => Self::Problem(problem),
                Err(error) => Self::invalid(body, error),
            },
            Some(media) if media.is_json() => match serde_json::from_slice(body) {
                Ok(value) => Self::Json(value),
                Err(error) => Self::invalid(body, error),
            },
            Some(_) => Self::text_or_binary(body),
            None => match serde_json::from_slice(body) {
                Ok(value) => Self::Json(value),
                Err(_) => Self::text_or_binary(body),
            },
        }
    }

    fn invalid(body: &Bytes, error: serde_json::Error) -> Self {
        Self::InvalidJson {
            body: body.clone(),
            error,
        }
    }

    fn text_or_binary(body: &Bytes) -> Self {
        match core::str::from_utf8(body) {
            Ok(text) => Self::Text(text.to_owned()),
            Err(_) => Self::Binary(body.clone()),
        }
    }
}

/// Never fails; as `Option<ErrorBody<T>>`, `None` for an empty body.
impl<T: DeserializeOwned> Extract for ErrorBody<T> {
    const READS_BODY: bool = true;

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        Ok(Self::from_parts(response.headers(), response.body()))
    }

    fn extract_optional(response: &BufferedResponse) -> Result<Option<Self>, ExtractError> {
        Ok(Some(Self::extract(response)?).filter(|body| !matches!(body, Self::Empty)))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn read(content_type: Option<&str>, body: &'static [u8]) -> ErrorBody {
        let mut headers = http::HeaderMap::new();
        if let Some(value) = content_type {
            headers.insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_str(value).unwrap(),
            );
        }
        ErrorBody::from_parts(&headers, &Bytes::from_static(body))
    }

    #[test]
    fn which_variant() {
        let json = read(Some("application/json; charset=utf-8"), br#"{"a":1}"#);
        assert_eq!(json.json(), Some(&serde_json::json!({"a": 1})));
        let vendor = read(Some("application/vnd.api+json"), b"[1]");
        assert_eq!(vendor.into_json(), Some(serde_json::json!([1])));
        let problem = read(
            Some("application/problem+json"),
            br#"{"title":"Out of credit"}"#,
        );
        assert_eq!(problem.problem().unwrap().title(), Some("Out of credit"));
        let html = read(Some("text/html"), b"<h1>502 Bad Gateway</h1>");
        assert_eq!(html.text(), Some("<h1>502 Bad Gateway</h1>"));
        assert!(!html.is_decoded());
        // JSON text under a non-JSON type is text: the header is believed when present.
        let plain = read(Some("text/plain"), br#"{"a":1}"#);
        assert!(matches!(plain, ErrorBody::Text(ref text) if text == r#"{"a":1}"#));
        // No header: JSON if it decodes, text otherwise.
        assert!(read(None, br#"{"a":1}"#).is_decoded());
        assert!(matches!(
            read(None, b"upstream timed out"),
            ErrorBody::Text(_)
        ));
        assert!(matches!(read(None, b""), ErrorBody::Empty));
        let latin1 = read(Some("text/html; charset=iso-8859-1"), b"caf\xe9");
        assert!(matches!(latin1, ErrorBody::Binary(ref bytes) if bytes.as_ref() == b"caf\xe9"));
        assert!(matches!(read(Some("nonsense"), b"x"), ErrorBody::Text(_)));
    }

    #[test]
    fn json_that_is_not_keeps_the_body_and_the_error() {
        let ErrorBody::InvalidJson { body, error } =
            read(Some("application/json"), b"<html>Bad Gateway</html>")
        else {
            panic!("expected InvalidJson");
        };
        assert_eq!(body.as_ref(), b"<html>Bad Gateway</html>");
        assert_eq!(error.to_string(), "expected value at line 1 column 1");
        let problem = read(Some("application/problem+json"), b"[]");
        assert_eq!(problem.text(), Some("[]"));
        assert!(!problem.is_decoded());
    }
}
