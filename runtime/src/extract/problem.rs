//! `Problem`: RFC 9457 problem details (`application/problem+json`), read leniently.

use http::StatusCode;
use serde::de::{DeserializeOwned, Error as _};
use serde_json::{Map, Value};

use crate::error::ExtractError;
use crate::extract::Extract;
use crate::response::BufferedResponse;

/// A problem details object (RFC 9457): what went wrong, in a machine-readable body, as many
/// APIs send with 400, 409, 422 and other errors (feature `json`).
///
/// It is read the way the RFC asks clients to:
///
/// - `type` defaults to `about:blank` and may be any URI reference (`urn:`, `tag:`, relative);
/// - a standard member of the wrong type (`"status": "422"`, `"title": 7`) is ignored as if it
///   were absent, instead of failing the whole body;
/// - every other member is kept as an extension ([`extension`](Self::extension),
///   [`extension_as`](Self::extension_as)): validation `errors` arrays, `balance`, ...
///
/// The `Content-Type` is not checked (check it with [`ContentType`](crate::ContentType) if you
/// must). An empty body is [`ExtractError::EmptyBody`], so `Option<Problem>` is `None` for
/// it; a body that is not a JSON object is [`ExtractError::Json`]. `Problem` also implements
/// `Deserialize`, so `Json<Problem>` and a `Problem` inside your own types work too.
///
/// ```
/// use response_handler::{Problem, ResponseHandler};
///
/// #[derive(Debug, serde::Deserialize)]
/// struct FieldError { pointer: String, detail: String }
///
/// #[derive(Debug, ResponseHandler)]
/// enum Register {
///     #[on(201)]
///     Created,
///     #[on(400, 422)]
///     Invalid(Problem),
/// }
///
/// // RFC 9457 §3, the validation example.
/// let body = r##"{
///   "type": "https://example.net/validation-error",
///   "title": "Your request is not valid.",
///   "errors": [
///     {"detail": "must be a positive integer", "pointer": "#/age"},
///     {"detail": "must be 'green', 'red' or 'blue'", "pointer": "#/profile/color"}
///   ]
/// }"##;
/// let response = http::Response::builder()
///     .status(422)
///     .header("content-type", "application/problem+json")
///     .body(body)
///     .unwrap();
/// let Register::Invalid(problem) = Register::from_response(response).unwrap() else { panic!() };
/// assert_eq!(problem.title(), Some("Your request is not valid."));
/// let errors: Vec<FieldError> = problem.extension_as("errors").unwrap().unwrap();
/// assert_eq!(errors[0].pointer, "#/age");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    problem_type: Option<String>,
    title: Option<String>,
    status: Option<StatusCode>,
    detail: Option<String>,
    instance: Option<String>,
    extensions: Map<String, Value>,
}

impl Problem {
    /// The `type` used when a problem has none (RFC 9457 §4.2.1).
    pub const ABOUT_BLANK: &'static str = "about:blank";

    /// Reads a problem from a JSON object, leniently (see [`Problem`]).
    pub fn from_map(mut object: Map<String, Value>) -> Self {
        let mut string = |name: &str| match object.remove(name) {
            Some(Value::String(text)) => Some(text),
            _ => None,
        };
        let problem_type = string("type");
        let title = string("title");
        let detail = string("detail");
        let instance = string("instance");
        let status = match object.remove("status") {
            Some(Value::Number(number)) => number
                .as_u64()
                .and_then(|code| u16::try_from(code).ok())
                .and_then(|code| StatusCode::from_u16(code).ok()),
            _ => None,
        };
        Self {
            problem_type,
            title,
            status,
            detail,
            instance,
            extensions: object,
        }
    }

    /// The problem type: a URI reference identifying it, `about:blank` when the server sent
    /// none (or sent one that is not a string).
    pub fn problem_type(&self) -> &str {
        self.problem_type.as_deref().unwrap_or(Self::ABOUT_BLANK)
    }

    /// `true` when the type is `about:blank`: the problem says no more than its status does.
    pub fn is_about_blank(&self) -> bool {
        self.problem_type() == Self::ABOUT_BLANK
    }

    /// A short, human-readable summary of the problem type.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The status the server put into the body (advisory; the response's own status rules).
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// A human-readable explanation of this occurrence.
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// A URI reference identifying this occurrence.
    pub fn instance(&self) -> Option<&str> {
        self.instance.as_deref()
    }

    /// Every member that is not one of the five standard ones.
    pub fn extensions(&self) -> &Map<String, Value> {
        &self.extensions
    }

    /// The extension member `name`, as JSON.
    pub fn extension(&self, name: &str) -> Option<&Value> {
        self.extensions.get(name)
    }

    /// The extension member `name` decoded into `T`: `Ok(None)` if the member is absent, an
    /// error if it does not fit `T`.
    pub fn extension_as<T: DeserializeOwned>(
        &self,
        name: &str,
    ) -> Result<Option<T>, serde_json::Error> {
        self.extensions
            .get(name)
            .map(|value| T::deserialize(value))
            .transpose()
    }
}

impl core::fmt::Display for Problem {
    /// `title: detail`, or whichever of them there is, or the type.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match (&self.title, &self.detail) {
            (Some(title), Some(detail)) => write!(f, "{title}: {detail}"),
            (Some(text), None) | (None, Some(text)) => f.write_str(text),
            (None, None) => f.write_str(self.problem_type()),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Problem {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::<String, Value>::deserialize(deserializer).map(Self::from_map)
    }
}

impl Extract for Problem {
    const READS_BODY: bool = true;

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        let body = response.body();
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(ExtractError::EmptyBody);
        }
        match serde_json::from_slice::<Value>(body).map_err(ExtractError::Json)? {
            Value::Object(object) => Ok(Self::from_map(object)),
            _ => Err(ExtractError::Json(serde_json::Error::custom(
                "a problem details body must be a JSON object",
            ))),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn problem(body: &'static str) -> Result<Problem, ExtractError> {
        BufferedResponse::from(http::Response::builder().status(400).body(body).unwrap())
            .extract::<Problem>()
    }

    #[test]
    fn rfc_9457_out_of_credit() {
        // RFC 9457 §3.
        let problem = problem(
            r#"{
              "type": "https://example.com/probs/out-of-credit",
              "title": "You do not have enough credit.",
              "detail": "Your current balance is 30, but that costs 50.",
              "instance": "/account/12345/msgs/abc",
              "balance": 30,
              "accounts": ["/account/12345", "/account/67890"]
            }"#,
        )
        .unwrap();
        assert_eq!(
            problem.problem_type(),
            "https://example.com/probs/out-of-credit"
        );
        assert_eq!(problem.instance(), Some("/account/12345/msgs/abc"));
        assert_eq!(problem.extension("balance"), Some(&Value::from(30)));
        assert_eq!(
            problem.extension_as::<Vec<String>>("accounts").unwrap(),
            Some(vec!["/account/12345".into(), "/account/67890".into()])
        );
        assert_eq!(problem.extensions().len(), 2);
        assert_eq!(
            problem.to_string(),
            "You do not have enough credit.: Your current balance is 30, but that costs 50."
        );
    }

    #[test]
    fn defaults_and_uri_references() {
        let blank = problem(r#"{"status": 404, "title": "Not Found"}"#).unwrap();
        assert!(blank.is_about_blank());
        assert_eq!(blank.status(), Some(StatusCode::NOT_FOUND));
        // The ratelimit draft's problem type, and a tag: URI.
        let quota = problem(r#"{"type": "https://iana.org/assignments/http-problem-types#quota-exceeded", "title": "Request cannot be satisfied as assigned quota has been exceeded", "violated-policies": ["daily","bandwidth"]}"#).unwrap();
        assert_eq!(
            quota
                .extension_as::<Vec<String>>("violated-policies")
                .unwrap(),
            Some(vec!["daily".into(), "bandwidth".into()])
        );
        let tag = problem(r#"{"type": "tag:example.com,2024:conflict"}"#).unwrap();
        assert_eq!(tag.problem_type(), "tag:example.com,2024:conflict");
        let relative = problem(r#"{"type": "/problems/conflict"}"#).unwrap();
        assert_eq!(relative.problem_type(), "/problems/conflict");
        assert_eq!(relative.to_string(), "/problems/conflict");
    }

    #[test]
    fn members_of_the_wrong_type_are_ignored() {
        let problem = problem(
            r#"{"type": 7, "title": ["x"], "status": "422", "detail": null, "instance": {}, "code": "E1"}"#,
        )
        .unwrap();
        assert!(problem.is_about_blank());
        assert_eq!(problem.title(), None);
        assert_eq!(problem.status(), None);
        assert_eq!(problem.detail(), None);
        assert_eq!(problem.instance(), None);
        assert_eq!(problem.extensions().len(), 1);
        // Out-of-range statuses too.
        for status in ["99", "1000", "-400", "400.5", "65936"] {
            let body = format!(r#"{{"status": {status}}}"#);
            let parsed: Problem = serde_json::from_str(&body).unwrap();
            assert_eq!(parsed.status(), None, "{status}");
        }
    }

    #[test]
    fn malformed_bodies() {
        assert!(matches!(problem(""), Err(ExtractError::EmptyBody)));
        assert!(matches!(problem("  \n"), Err(ExtractError::EmptyBody)));
        for body in [
            "[]",
            "\"about:blank\"",
            "null",
            "{\"title\": ",
            "<html>Bad Request</html>",
            "{\"a\":1} trailing",
        ] {
            assert!(
                matches!(problem(body), Err(ExtractError::Json(_))),
                "{body}"
            );
        }
        let error = problem("[1]").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the body is not the expected JSON: a problem details body must be a JSON object"
        );
    }

    #[test]
    fn a_validation_errors_array() {
        #[derive(Debug, serde::Deserialize, PartialEq)]
        struct FieldError {
            pointer: String,
            detail: String,
        }
        let problem = problem(
            r##"{"type": "https://example.net/validation-error", "title": "Your request is not valid.", "errors": [{"detail": "must be a positive integer", "pointer": "#/age"}, {"detail": "must be 'green', 'red' or 'blue'", "pointer": "#/profile/color"}]}"##,
        )
        .unwrap();
        let errors: Vec<FieldError> = problem.extension_as("errors").unwrap().unwrap();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[1].pointer, "#/profile/color");
        assert!(problem.extension_as::<Vec<u8>>("errors").is_err());
        assert_eq!(problem.extension_as::<u8>("missing").unwrap(), None);
    }
}
