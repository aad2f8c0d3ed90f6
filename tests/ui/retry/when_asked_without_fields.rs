use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Fetch {
    #[on(200)]
    Done,
    #[on(403)]
    #[retry(when_asked)]
    Forbidden,
}

#[derive(ResponseHandler)]
#[on(429)]
#[retry(when_asked)]
struct Limited;

fn main() {}
