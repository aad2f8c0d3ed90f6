//! The generator's output for the committed subset of GitHub's description
//! (`tests/openapi/api.github.com.json`), committed as `tests/openapi/generated/github.rs` and
//! compiled here, each enum under its own contract attribute: the golden file must equal what
//! the generator writes today, and the enums must answer real responses over loopback.
//!
//! The same for Figma's REST description, OpenAPI 3.1.0 in YAML, whole
//! (`tests/openapi/figma.openapi.yaml`, `tests/openapi/generated/figma.rs`).
//!
//! Regenerate with:
//!
//! ```text
//! cargo run -p response-handler-openapi -- tests/openapi/figma.openapi.yaml \
//!     --contract ../figma.openapi.yaml > tests/openapi/generated/figma.rs
//! cargo run -p response-handler-openapi -- tests/openapi/api.github.com.json \
//!     --contract ../api.github.com.json --type pull-request-simple=crate::types::PullRequestSimple \
//!     --type basic-error=crate::types::BasicError --type full-repository=crate::types::FullRepository \
//!     > tests/openapi/generated/github.rs
//! ```

use response_handler::ureq::RequestBuilderExt;
use response_handler_openapi::Description;
use response_handler_openapi::generate::{Options, generate};
use suite::{Reply, TestServer};

/// What typify or progenitor would generate for the schemas the map names.
mod types {
    #[derive(Debug, serde::Deserialize)]
    pub struct PullRequestSimple {
        pub number: u64,
        pub title: String,
    }

    #[derive(Debug, serde::Deserialize)]
    pub struct BasicError {
        pub message: Option<String>,
    }

    #[derive(Debug, serde::Deserialize)]
    pub struct FullRepository {
        pub full_name: String,
    }
}

// In a test crate, public items nobody here uses are dead code; in the library a build script
// writes them to, they are exported (`scripts/openapi/github-all.sh` builds all 1,223 under
// `-D warnings`).
#[allow(dead_code)]
#[path = "openapi/generated/github.rs"]
mod github;

#[allow(dead_code)]
#[path = "openapi/generated/figma.rs"]
mod figma;

const FIGMA: &[u8] = include_bytes!("openapi/figma.openapi.yaml");
const FIGMA_GOLDEN: &str = include_str!("openapi/generated/figma.rs");

const GITHUB: &[u8] = include_bytes!("openapi/api.github.com.json");
const GOLDEN: &str = include_str!("openapi/generated/github.rs");

fn options() -> Options {
    let mut options = Options::new();
    options.contract_path = Some("../api.github.com.json".to_owned());
    for (schema, ty) in [
        ("pull-request-simple", "crate::types::PullRequestSimple"),
        ("basic-error", "crate::types::BasicError"),
        ("full-repository", "crate::types::FullRepository"),
    ] {
        options.types.insert(schema.to_owned(), ty.to_owned());
    }
    options
}

#[test]
fn the_golden_file_is_what_the_generator_writes() {
    let description = Description::from_slice(GITHUB).unwrap();
    let generated = generate(&description, &options());
    assert!(
        generated == GOLDEN,
        "tests/openapi/generated/github.rs is stale: regenerate it (see this file's header)"
    );
    // Deterministic: a second run writes the same bytes.
    assert_eq!(generate(&description, &options()), generated);
    assert_eq!(GOLDEN.matches("\npub enum ").count(), 24);
}

#[test]
fn the_openapi_3_1_golden_file_is_what_the_generator_writes() {
    let description = Description::from_slice(FIGMA).unwrap();
    assert_eq!(description.version(), "3.1.0");
    let mut options = Options::new();
    options.contract_path = Some("../figma.openapi.yaml".to_owned());
    assert!(
        generate(&description, &options) == FIGMA_GOLDEN,
        "tests/openapi/generated/figma.rs is stale: regenerate it (see this file's header)"
    );
    assert_eq!(FIGMA_GOLDEN.matches("\npub enum ").count(), 54);
}

fn ureq_get<T: response_handler::ResponseHandler>(server: &TestServer, path: &str) -> T {
    ureq::get(&server.url(path)).handle::<T>().unwrap()
}

#[test]
fn generated_enums_answer_real_responses() {
    let server = TestServer::start(|request| match request.path.as_str() {
        "/pulls" => Reply::new(200)
            .header(
                "link",
                r#"<https://api.github.com/repositories/1/pulls?page=2>; rel="next""#,
            )
            .json(r#"[{"number": 7, "title": "Fix"}]"#),
        "/pulls/unchanged" => Reply::new(304),
        "/pulls/invalid" => Reply::new(422).json(r#"{"message": "Validation Failed"}"#),
        "/rate_limit" => Reply::new(200)
            .header("x-ratelimit-limit", "60")
            .header("x-ratelimit-remaining", "59")
            .header("x-ratelimit-reset", "1700000000")
            .json(r#"{"resources": {}}"#),
        "/repos/rust-lang/rust" => Reply::new(200).json(r#"{"full_name": "rust-lang/rust"}"#),
        "/gists" => Reply::new(403).json(r#"{"message": "Must have admin rights"}"#),
        "/v1/me" => Reply::new(429).json(r#"{"status": 429, "err": "Rate limit exceeded"}"#),
        "/zen" => Reply::new(200).text("Design for failure."),
        _ => Reply::new(404),
    });
    match ureq_get::<github::PullsList>(&server, "/pulls") {
        github::PullsList::Ok { link, body } => {
            let link = link.expect("the Link header");
            assert_eq!(
                link.next().map(|next| next.target().to_string()).as_deref(),
                Some("https://api.github.com/repositories/1/pulls?page=2")
            );
            assert_eq!(body.0[0].number, 7);
            assert_eq!(body.0[0].title, "Fix");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        ureq_get::<github::PullsList>(&server, "/pulls/unchanged"),
        github::PullsList::NotModified
    ));
    match ureq_get::<github::PullsList>(&server, "/pulls/invalid") {
        github::PullsList::UnprocessableContent { body } => match body {
            response_handler::ErrorBody::Json(error) => {
                assert_eq!(error["message"], "Validation Failed");
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    match ureq_get::<github::RateLimitGet>(&server, "/rate_limit") {
        github::RateLimitGet::Ok { rate_limit, .. } => {
            let rate_limit = rate_limit.expect("the X-RateLimit-* headers");
            assert_eq!(rate_limit.remaining(), Some(59));
        }
        other => panic!("{other:?}"),
    }
    match ureq_get::<github::ReposGet>(&server, "/repos/rust-lang/rust") {
        github::ReposGet::Ok { body } => assert_eq!(body.0.full_name, "rust-lang/rust"),
        other => panic!("{other:?}"),
    }
    match ureq_get::<github::GistsList>(&server, "/gists") {
        github::GistsList::Forbidden {
            body: response_handler::ErrorBody::Json(error),
        } => assert_eq!(error.message.as_deref(), Some("Must have admin rights")),
        other => panic!("{other:?}"),
    }
    match ureq_get::<figma::GetMe>(&server, "/v1/me") {
        figma::GetMe::TooManyRequests { body } => {
            assert!(
                matches!(body, response_handler::ErrorBody::Json(_)),
                "{body:?}"
            )
        }
        other => panic!("{other:?}"),
    }
    match ureq_get::<github::MetaGetZen>(&server, "/zen") {
        github::MetaGetZen::Ok { body } => assert_eq!(body, "Design for failure."),
    }
}

#[test]
fn a_declared_429_or_503_is_retried() {
    use response_handler::ResponseHandler;
    use response_handler::retry::{RetryHint, Retryable};
    let response = http::Response::builder()
        .status(503)
        .body(r#"{"message": "busy"}"#)
        .unwrap();
    let outcome = github::SearchRepos::from_response(response).unwrap();
    assert!(
        matches!(outcome.retry_hint(), RetryHint::Retry(_)),
        "{outcome:?}"
    );
}
