use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Fetch {
    #[on(200)]
    Done,
    #[on(503)]
    #[retry(3)]
    Down,
    #[on(429)]
    #[retry = "30s"]
    Busy,
    #[on(500)]
    #[retry()]
    Broken,
    #[on(403)]
    #[retry(when_server_asks)]
    Forbidden,
    #[on(502)]
    #[retry(when_asked, 3)]
    Gateway,
}

fn main() {}
