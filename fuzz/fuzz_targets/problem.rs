//! `application/problem+json` bodies: lenient, never a panic, extension members kept; `Problem`
//! and `Option<Problem>` agree, and a derived type gives the same problem or an error that keeps
//! the response.
//!
//! The first byte picks the status (odd: 409, read as `Option<Problem>`; even: 422, read as
//! `Problem`); the rest is the body.
#![no_main]

// Only `check` is used: this target builds its response from a body, not from header lines.
#[path = "common.rs"]
#[allow(dead_code)]
mod common;

use bytes::Bytes;
use libfuzzer_sys::fuzz_target;
use response_handler::{BufferedResponse, HeaderValue, Problem, ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Outcome {
    #[on(409)]
    Conflict(Option<Problem>),
    #[on(422)]
    Invalid(Problem),
}

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((first, rest)) if first & 1 == 1 => (StatusCode::CONFLICT, rest),
        Some((_, rest)) => (StatusCode::UNPROCESSABLE_ENTITY, rest),
        None => (StatusCode::UNPROCESSABLE_ENTITY, data),
    };
    let mut response = http::Response::new(Bytes::copy_from_slice(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert("content-type", HeaderValue::from_static("application/problem+json"));
    let headers = response.headers().clone();

    let buffered = BufferedResponse::from(response.clone());
    common::check::<Problem>(&buffered);
    let direct = buffered.extract::<Problem>();
    if let Ok(problem) = &direct {
        let _ = (problem.problem_type(), problem.title(), problem.status(), problem.detail(), problem.instance());
        for (name, _) in problem.extensions() {
            assert!(problem.extension(name).is_some(), "extension member {name:?} is listed but not found");
        }
    }

    match Outcome::from_response(response) {
        Ok(Outcome::Invalid(problem)) => {
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(direct.ok(), Some(problem), "the derive and the extractor disagree");
        }
        Ok(Outcome::Conflict(problem)) => {
            assert_eq!(status, StatusCode::CONFLICT);
            match (direct, problem) {
                (Ok(direct), Some(problem)) => assert_eq!(direct, problem, "the derive and the extractor disagree"),
                (Err(error), None) => assert!(error.is_absent(), "None for a present body: {error}"),
                (direct, problem) => panic!("the derive and the extractor disagree: {direct:?} vs {problem:?}"),
            }
        }
        Err(error) => {
            assert!(direct.is_err(), "the extractor read a problem the derive refused: {error}");
            assert_eq!(error.status(), status);
            assert_eq!(error.headers(), &headers);
            assert_eq!(error.body().as_ref(), body);
            assert!(error.extract_error().is_some(), "{error}");
            let _ = (error.to_string(), format!("{error:?}"));
        }
    }
});
