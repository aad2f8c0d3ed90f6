use response_handler::{HeaderValue, ResponseHandler};

#[derive(Debug, ResponseHandler)]
enum Limited {
    #[on(429)]
    SlowDown {
        #[header("Retry-After")]
        retry_after: Option<u64>,
        #[header("x-request-id")]
        request_id: HeaderValue,
        #[header("x-reason")]
        reason: core::option::Option<String>,
        // Every symbol RFC 9110 allows in a header name: the derive's check agrees with `http`.
        #[header("X-Odd!#$%&'*+-.^_`|~9")]
        odd: std::option::Option<String>,
    },
}

fn main() {
    let with = http::Response::builder()
        .status(429)
        .header("retry-after", "30")
        .header("x-request-id", "r-1")
        .body(())
        .unwrap();
    let Limited::SlowDown {
        retry_after,
        request_id,
        reason,
        odd,
    } = Limited::from_response(with).unwrap();
    assert_eq!(
        (retry_after, request_id.to_str().unwrap(), reason, odd),
        (Some(30), "r-1", None, None)
    );

    // Absent or empty: `None`, not an error.
    let without = http::Response::builder()
        .status(429)
        .header("retry-after", "")
        .header("x-request-id", "r-2")
        .body(())
        .unwrap();
    let Limited::SlowDown { retry_after, .. } = Limited::from_response(without).unwrap();
    assert_eq!(retry_after, None);

    // Present but malformed: an error that names the field.
    let malformed = http::Response::builder()
        .status(429)
        .header("retry-after", "soon")
        .header("x-request-id", "r-3")
        .body(())
        .unwrap();
    let error = Limited::from_response(malformed).unwrap_err();
    assert_eq!(error.field(), Some("retry_after"));

    // A required header that is missing is an error too.
    let missing = http::Response::builder().status(429).body(()).unwrap();
    assert_eq!(
        Limited::from_response(missing).unwrap_err().field(),
        Some("request_id")
    );
}
