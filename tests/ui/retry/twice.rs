use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Fetch {
    #[on(200)]
    Done,
    #[on(503)]
    #[retry]
    #[retry]
    Down,
}

fn main() {}
