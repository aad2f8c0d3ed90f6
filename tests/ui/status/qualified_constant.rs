use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    // A misspelt constant behind a path: the error is on the name, with a suggestion.
    #[on(http::StatusCode::CONFLIT)]
    Conflict,
    // A path that does not go through `StatusCode`.
    #[on(http::GONE)]
    Gone,
    // `409` and `StatusCode::CONFLICT` are one code.
    #[on(409)]
    AlsoConflict,
    #[on(StatusCode::CONFLICT)]
    ConflictAgain,
}

fn main() {}
