use response_handler::ResponseHandler;

// The old spelling: one error, on it; the variant still counts as handling the 3xx it meant.
#[derive(ResponseHandler)]
enum Outcome {
    #[on_success]
    Done,
    #[on_redirect]
    Moved,
}

fn main() {}
