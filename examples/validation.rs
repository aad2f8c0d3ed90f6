//! 422 Unprocessable Content: the request was understood but failed validation. The field
//! errors come as RFC 9457 problem details; fix the fields they point at and resubmit.
//!
//! Run it with `cargo run --example validation`.

use response_handler::ureq::AgentExt;
use response_handler::{ContentType, Location, Problem, ResponseHandler, StatusCode};
use serde::{Deserialize, Serialize};
use suite::{Reply, TestServer};

#[derive(Debug, Serialize)]
struct Signup {
    email: String,
    age: i64,
}

/// One entry of the problem's `errors` extension (the shape RFC 9457 §3 shows).
#[derive(Debug, Deserialize)]
struct FieldError {
    pointer: String,
    detail: String,
}

#[derive(Debug, ResponseHandler)]
enum Register {
    #[on(201)]
    Created(Location),
    #[on(400, 422)]
    Invalid(Problem, Option<ContentType>),
    #[on_failure]
    Failed(StatusCode, String),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = TestServer::start(|request| validate(&request.body));
    let agent = suite::agent();

    let mut signup = Signup {
        email: "ada.example.com".into(),
        age: -3,
    };
    for attempt in 1..=2 {
        let post =
            http::Request::post(server.url("/signups")).body(serde_json::to_vec(&signup)?)?;
        match agent.handle_request::<Register>(post)? {
            Register::Created(location) => {
                println!("attempt {attempt}: created at {location}");
                // Fixing exactly the fields the problem pointed at was enough.
                assert_eq!(attempt, 2);
                assert_eq!((signup.email.as_str(), signup.age), ("ada@example.com", 36));
                assert_eq!(location.as_str(), "/signups/1");
                return Ok(());
            }
            Register::Invalid(problem, content_type) => {
                let media = content_type
                    .map(|c| c.essence().to_owned())
                    .unwrap_or_default();
                println!(
                    "attempt {attempt}: {} ({media}, type {})",
                    problem,
                    problem.problem_type()
                );
                let errors: Vec<FieldError> = problem.extension_as("errors")?.unwrap_or_default();
                assert_eq!(media, "application/problem+json");
                assert_eq!(problem.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
                let pointers: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
                assert_eq!(pointers, ["#/email", "#/age"]);
                for error in &errors {
                    println!("  {}: {}", error.pointer, error.detail);
                    match error.pointer.as_str() {
                        "#/email" => signup.email = signup.email.replacen('.', "@", 1),
                        "#/age" => signup.age = 36,
                        _ => {}
                    }
                }
            }
            Register::Failed(status, body) => return Err(format!("{status}: {body}").into()),
        }
    }
    Err("still invalid".into())
}

/// The server's validation: every failing field, as `application/problem+json`.
fn validate(body: &[u8]) -> Reply {
    let Ok(signup) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Reply::new(400)
            .header("content-type", "application/problem+json")
            .body(r#"{"title": "Malformed JSON"}"#);
    };
    let mut errors = Vec::new();
    if !signup["email"]
        .as_str()
        .is_some_and(|email| email.contains('@'))
    {
        errors
            .push(serde_json::json!({"pointer": "#/email", "detail": "must be an email address"}));
    }
    if signup["age"].as_i64().is_none_or(|age| age < 0) {
        errors
            .push(serde_json::json!({"pointer": "#/age", "detail": "must be a positive integer"}));
    }
    if errors.is_empty() {
        return Reply::new(201).header("location", "/signups/1");
    }
    let problem = serde_json::json!({
        "type": "https://example.net/validation-error",
        "title": "Your request is not valid.",
        "status": 422,
        "errors": errors,
    });
    Reply::new(422)
        .header("content-type", "application/problem+json")
        .body(problem.to_string())
}
