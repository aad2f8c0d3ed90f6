//! Which responses ask for a new credential ([`RefreshOn`]).

use http::StatusCode;
use http::header::WWW_AUTHENTICATE;

use super::RefreshOn;
use crate::headers::WwwAuthenticate;
use crate::response::BufferedResponse;

impl RefreshOn {
    /// Whether `response` asks for a new credential. A `WWW-Authenticate` that cannot be read
    /// (not UTF-8, malformed) asks for nothing under [`RefreshOn::InvalidToken`]: the 401 is
    /// the outcome.
    pub(super) fn matches(self, response: &BufferedResponse) -> bool {
        if response.status() != StatusCode::UNAUTHORIZED {
            return false;
        }
        match self {
            RefreshOn::Unauthorized => true,
            RefreshOn::InvalidToken => {
                let lines = response
                    .headers()
                    .get_all(WWW_AUTHENTICATE)
                    .iter()
                    .filter_map(|value| value.to_str().ok());
                WwwAuthenticate::parse(lines).is_ok_and(|challenges| {
                    challenges
                        .iter()
                        .any(|challenge| challenge.error() == Some("invalid_token"))
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, challenges: &[&str]) -> BufferedResponse {
        let mut builder = http::Response::builder().status(status);
        for challenge in challenges {
            builder = builder.header(WWW_AUTHENTICATE, *challenge);
        }
        builder.body(bytes::Bytes::new()).unwrap().into()
    }

    #[test]
    fn invalid_token_is_read_from_any_challenge_of_a_401() {
        let expired = r#"Bearer realm="api", error="invalid_token", error_description="expired""#;
        assert!(RefreshOn::InvalidToken.matches(&response(401, &[expired])));
        assert!(RefreshOn::InvalidToken.matches(&response(401, &[r#"Basic realm="x""#, expired])));
        assert!(
            RefreshOn::InvalidToken.matches(&response(401, &[r#"DPoP error="invalid_token""#]))
        );
        assert!(!RefreshOn::InvalidToken.matches(&response(403, &[expired])));
        let scope = r#"Bearer error="insufficient_scope""#;
        assert!(!RefreshOn::InvalidToken.matches(&response(401, &[scope])));
        assert!(!RefreshOn::InvalidToken.matches(&response(401, &[])));
        // Read leniently, as curl reads it: an unterminated quoted value runs to the end.
        let unterminated = "Bearer error=\"invalid_token";
        assert!(RefreshOn::InvalidToken.matches(&response(401, &[unterminated])));
    }

    #[test]
    fn a_challenge_that_is_not_text_asks_for_nothing() {
        let value =
            http::HeaderValue::from_bytes(b"Bearer error=\"invalid_token\", realm=\"\xff\"");
        let response: BufferedResponse = http::Response::builder()
            .status(401)
            .header(WWW_AUTHENTICATE, value.unwrap())
            .body(bytes::Bytes::new())
            .unwrap()
            .into();
        assert!(!RefreshOn::InvalidToken.matches(&response));
        assert!(RefreshOn::Unauthorized.matches(&response));
    }

    #[test]
    fn unauthorized_is_every_401() {
        assert!(RefreshOn::Unauthorized.matches(&response(401, &[])));
        assert!(!RefreshOn::Unauthorized.matches(&response(407, &[])));
    }
}
