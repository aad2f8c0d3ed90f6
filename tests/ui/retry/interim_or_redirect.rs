use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Fetch {
    #[on(200)]
    Done,
    #[on(103)]
    #[retry]
    Hints,
    #[on_redirection]
    #[retry]
    Moved,
    // Both a success and a failure: the success makes it wrong.
    #[on(204, 503)]
    #[retry]
    Mixed,
}

fn main() {}
