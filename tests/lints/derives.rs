//! Every shape of the derive, written once: `tests/lints.rs` runs it, and expands it to check
//! the generated code itself under strict lints. Only `#[derive(response_handler::ResponseHandler)]` here: the
//! expansion of std's derives uses unstable internals and would not compile on its own.

use core::marker::PhantomData;
use core::str::FromStr;
use std::time::Duration;

use response_handler::{
    BodyReader, Error, Failure, HeaderMap, Json, RateLimit, Redirection, RetryAfter, StatusCode,
    Success,
};

/// Every kind of attribute at once.
#[derive(response_handler::ResponseHandler)]
pub enum Everything {
    #[on(200)]
    Found(Json<Vec<u64>>),
    #[on(CREATED, 202)]
    Created {
        #[header("location")]
        location: String,
        #[header("x-request-id")]
        request_id: Option<String>,
    },
    #[on(NO_CONTENT)]
    Empty(StatusCode, HeaderMap),
    #[on(NOT_MODIFIED)]
    NotModified {
        #[header("etag")]
        etag: String,
    },
    #[on(500..=503, 505)]
    #[retry]
    Down(StatusCode),
    #[on(429)]
    #[retry]
    SlowDown(Option<RetryAfter>),
    #[on(403)]
    #[retry(when_asked)]
    Limited(StatusCode, Option<RetryAfter>, Option<RateLimit>),
    #[on_success]
    OtherSuccess(StatusCode, String),
    #[on_redirection]
    Redirect(#[header("location")] String),
    #[on_client_error]
    ClientError(StatusCode),
    #[on_server_error]
    ServerError(StatusCode),
    #[on_failure]
    Failure(StatusCode),
    /// Every class but 1xx has its catch-all above: 1xx ends here.
    #[fallback]
    Fallback,
}

/// A generic struct: bounds come from the fields.
#[derive(response_handler::ResponseHandler)]
#[on(200..=299)]
pub struct Page<T, N>
where
    N: FromStr,
{
    pub items: Json<Vec<T>>,
    #[header("x-total")]
    pub total: N,
    #[header("x-next")]
    #[next_page(query = "after")]
    pub next: Option<N>,
}

/// Pages by `Link`, found by the field's type.
#[derive(response_handler::ResponseHandler)]
pub enum Issues {
    #[on_success]
    Page(Option<response_handler::headers::Link>, String),
    #[on(404)]
    Missing,
    #[on_failure]
    Failed(StatusCode),
}

/// A lifetime.
#[derive(response_handler::ResponseHandler)]
pub struct Borrowed<'a>(pub PhantomData<&'a ()>);

/// A unit struct for two codes.
#[derive(response_handler::ResponseHandler)]
#[on(404, 410)]
pub struct Gone;

/// A shared failure type, and an outcome that delegates to it.
#[derive(response_handler::ResponseHandler)]
pub enum ApiFailure {
    #[on(401)]
    Unauthorized,
    #[on(500..=599)]
    Server(StatusCode),
}

#[derive(response_handler::ResponseHandler)]
pub enum GetItem {
    #[on(200)]
    Found(String),
    #[on(404)]
    Missing,
    #[on_informational]
    Interim,
    #[on_failure]
    Failed(ApiFailure),
}

/// A handler: state across responses, one method per class, and `error = method`.
#[derive(response_handler::ResponseHandler)]
#[handler(output = Result<String, String>, error = unexpected)]
#[on(200, call = fresh)]
#[on(304, call = cached)]
#[on(429, call = wait)]
#[on_failure(call = failed)]
pub struct Client {
    pub cached: Option<String>,
    pub waits: Vec<Duration>,
}

impl Client {
    fn fresh(&mut self, response: Success) -> Result<String, String> {
        let body: String = response.extract().map_err(|e| e.to_string())?;
        self.cached = Some(body.clone());
        Ok(body)
    }

    fn cached(&mut self, _: Redirection) -> Result<String, String> {
        self.cached
            .clone()
            .ok_or_else(|| "nothing cached".to_owned())
    }

    fn wait(&mut self, response: Failure) -> Result<String, String> {
        let wait = response
            .extract::<RetryAfter>()
            .map_or(Duration::ZERO, |r| r.delay());
        self.waits.push(wait);
        // No `format!` in this file: its expansion needs std's internals.
        Err(wait.as_secs().to_string() + "s")
    }

    fn failed(&mut self, response: Failure) -> Result<String, String> {
        Err(response.status().to_string())
    }

    fn unexpected(&mut self, error: Error) -> Result<String, String> {
        Err(error.to_string())
    }
}

/// An async handler: `async fn` methods, state, and `error = method`.
#[derive(response_handler::ResponseHandler)]
#[handler(output = Result<String, String>, async, error = unexpected)]
#[on(200, call = fresh)]
#[on_failure(call = failed)]
pub struct AsyncClient {
    pub cached: Option<String>,
}

impl AsyncClient {
    async fn fresh(&mut self, response: Success) -> Result<String, String> {
        let body: String = response.extract().map_err(|e| e.to_string())?;
        self.cached = Some(body.clone());
        Ok(body)
    }

    async fn failed(&mut self, response: Failure) -> Result<String, String> {
        Err(response.status().to_string())
    }

    async fn unexpected(&mut self, error: Error) -> Result<String, String> {
        Err(error.to_string())
    }
}

/// A streaming field after head-only fields, next to buffered failures.
#[derive(response_handler::ResponseHandler)]
pub enum Download {
    #[on_success]
    File {
        status: StatusCode,
        #[header("x-request-id")]
        request_id: Option<String>,
        body: BodyReader,
    },
    #[on(404)]
    Missing,
    #[on_failure]
    Failed(StatusCode, String),
}
