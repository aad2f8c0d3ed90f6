// `Result<T, ExtractError>` reads the body exactly when `T` does: still rejected on a 204.
use response_handler::{ExtractError, ResponseHandler};

#[derive(ResponseHandler)]
enum Delete {
    #[on(204)]
    Deleted(Result<String, ExtractError>),
    #[on_failure]
    Failed,
}

fn main() {}
