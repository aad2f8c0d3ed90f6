use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum ApiFailure {
    #[on(404)]
    NotFound,
    #[on(500..=599)]
    Server,
}

// `NotFound` takes 404 before `Failed` does: `ApiFailure`'s 404 arm could never run here.
#[derive(ResponseHandler)]
enum GetUser {
    #[on(200)]
    Found,
    #[on(404)]
    NotFound,
    #[on_failure]
    Failed(ApiFailure),
}

fn main() {}
