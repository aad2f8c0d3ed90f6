use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Fetch {
    #[on(200)]
    Done,
    #[fallback]
    #[retry]
    Anything,
}

fn main() {}
