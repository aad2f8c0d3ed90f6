use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum ApiFailure {
    #[on(503)]
    Unavailable,
    #[on(400..=499)]
    Client,
}

// `Server` takes every 5xx, `Client` every 4xx, before `Failed` does.
#[derive(ResponseHandler)]
enum Ping {
    #[on_success]
    Pong,
    #[on_server_error]
    Server,
    #[on(400..=409)]
    Client,
    #[on_failure]
    Failed(Option<ApiFailure>),
}

fn main() {}
