//! What the benchmarks share: the derived types, the hand-written code a careful user would
//! write for the same mapping, and the inputs (built outside the measured code).
//!
//! Each derived type has a hand-written twin that produces the *same* type (the hand-written
//! functions construct the derived enum's variants), so both sides return identical values.
//! The hand-written error paths build the same `response_handler::Error` (they are never taken
//! by the measured inputs; they only make both sides return the same `Result` type).

use bytes::Bytes;
use http::StatusCode;
use response_handler::{BufferedResponse, Error, ResponseHandler};

pub mod headers;
#[cfg(feature = "json")]
pub mod json;
pub mod report;

/// The 17 common statuses (the rows of the README's semantics table), in the order of the mix (each one once).
pub const COMMON_STATUSES: [u16; 17] = [
    200, 201, 202, 204, 301, 304, 400, 401, 403, 404, 405, 406, 409, 412, 422, 429, 500,
];

// ---------------------------------------------------------------------------------------------
// Dispatch only

/// 16 variants: exact codes, one multi-code variant, a range, the class catch-alls; unit and
/// `StatusCode` fields. Every common status is handled (202 by `#[on_success]`, 301 by
/// `#[on_redirection]`, 405 and 406 by `#[on_client_error]`).
#[derive(Debug, PartialEq, Eq, ResponseHandler)]
pub enum Outcome {
    #[on(200)]
    Ok,
    #[on(201)]
    Created(StatusCode),
    #[on(204)]
    NoContent,
    #[on(304)]
    NotModified,
    #[on(400)]
    BadRequest,
    #[on(401, 403)]
    Denied(StatusCode),
    #[on(404)]
    NotFound,
    #[on(409)]
    Conflict(StatusCode),
    #[on(412)]
    PreconditionFailed,
    #[on(422)]
    Invalid(StatusCode),
    #[on(429)]
    RateLimited,
    #[on(500..=599)]
    ServerError(StatusCode),
    #[on_success]
    OtherSuccess(StatusCode),
    #[on_redirection]
    Redirect(StatusCode),
    #[on_client_error]
    ClientError(StatusCode),
    #[on_failure]
    Failed(StatusCode),
}

/// The derived side.
#[inline(never)]
pub fn derived(response: http::Response<Bytes>) -> Result<Outcome, Error> {
    Outcome::from_response(response)
}

/// The hand-written side: the one `match` a careful user writes for the same mapping (exact
/// codes first, then the range, then the class ranges: arm order is the precedence).
#[inline(never)]
#[allow(clippy::match_overlapping_arm)]
pub fn hand_written(response: http::Response<Bytes>) -> Result<Outcome, Error> {
    let status = response.status();
    Ok(match status.as_u16() {
        200 => Outcome::Ok,
        201 => Outcome::Created(status),
        204 => Outcome::NoContent,
        304 => Outcome::NotModified,
        400 => Outcome::BadRequest,
        401 | 403 => Outcome::Denied(status),
        404 => Outcome::NotFound,
        409 => Outcome::Conflict(status),
        412 => Outcome::PreconditionFailed,
        422 => Outcome::Invalid(status),
        429 => Outcome::RateLimited,
        500..=599 => Outcome::ServerError(status),
        200..=299 => Outcome::OtherSuccess(status),
        300..=399 => Outcome::Redirect(status),
        400..=499 => Outcome::ClientError(status),
        600.. => Outcome::Failed(status),
        _ => return unexpected::<Outcome>(response),
    })
}

/// The floor under both: what the harness costs and what taking the response and dropping it
/// costs, with no dispatch at all. Subtracted, it leaves the dispatch itself.
#[inline(never)]
pub fn baseline(response: http::Response<Bytes>) -> Result<Outcome, Error> {
    drop(response);
    Ok(Outcome::Ok)
}

#[cold]
#[inline(never)]
pub fn unexpected<T>(response: http::Response<Bytes>) -> Result<T, Error> {
    Err(Error::unexpected_status::<T>(BufferedResponse::from(
        response,
    )))
}

/// How the responses of a mix look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    /// Status line only: no header, no body. The most sensitive ratio (nothing else to do).
    Bare,
    /// What a JSON API sends: `content-type`, `content-length`, `date`, and a small body (none
    /// for 204 and 304).
    Typical,
}

/// One response per common status: what `derived` / `hand_written` consume, built outside the
/// measured code.
pub fn common_responses(head: Head) -> Vec<http::Response<Bytes>> {
    const BODY: &[u8] = br#"{"message":"the body of a common response"}"#;
    COMMON_STATUSES
        .iter()
        .map(|&code| {
            let mut builder = http::Response::builder().status(code);
            let mut body = Bytes::new();
            if head == Head::Typical {
                let bodiless = matches!(code, 204 | 304);
                let length = if bodiless { 0 } else { BODY.len() };
                builder = builder
                    .header("content-type", "application/json")
                    .header("content-length", length)
                    .header("date", "Thu, 26 Nov 2026 02:01:01 GMT");
                if !bodiless {
                    body = Bytes::from_static(BODY);
                }
            }
            builder
                .body(body)
                .expect("every common code and header is valid")
        })
        .collect()
}

/// Dispatches every response of `inputs` with `f`, keeping the results in `outputs` (dropped
/// by the caller, outside the measured code).
#[inline(always)]
pub fn dispatch_all(
    inputs: &mut Vec<http::Response<Bytes>>,
    outputs: &mut Vec<Result<Outcome, Error>>,
    f: fn(http::Response<Bytes>) -> Result<Outcome, Error>,
) {
    for response in inputs.drain(..) {
        outputs.push(core::hint::black_box(f(core::hint::black_box(response))));
    }
}

/// Both sides agree on every common status (checked before anything is measured).
pub fn check_dispatch_agrees() {
    for head in [Head::Bare, Head::Typical] {
        for (a, b) in common_responses(head)
            .into_iter()
            .zip(common_responses(head))
        {
            let code = a.status();
            let (a, b) = (derived(a), hand_written(b));
            match (a, b) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{code}"),
                (a, b) => panic!("{code}: derived {a:?}, hand-written {b:?}"),
            }
        }
    }
}
