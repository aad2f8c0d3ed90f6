// Streaming fields next to head-only fields, before them in the header, generic, optional,
// and failures of the same type buffered.
use response_handler::{
    BodyReader, BodyStream, ETag, ErrorBody, HeaderMap, ResponseHandler, RetryAfter, StatusCode,
};

#[derive(ResponseHandler)]
enum Download {
    #[on_success]
    File {
        status: StatusCode,
        etag: Option<ETag>,
        #[header("x-request-id")]
        request_id: Option<String>,
        body: BodyReader,
    },
    #[on(404)]
    Missing,
    #[on(429)]
    RateLimited(Option<RetryAfter>, ErrorBody),
    #[on_failure]
    Failed(StatusCode, HeaderMap, String),
}

#[derive(ResponseHandler)]
struct Events(Option<BodyStream>);

#[derive(ResponseHandler)]
enum Generic<B> {
    #[on_success]
    Body(StatusCode, B),
}

fn main() {
    let _ = Download::body_need(StatusCode::OK);
    let _ = Events::body_need(StatusCode::OK);
    let _ = Generic::<BodyStream>::body_need(StatusCode::OK);
}
