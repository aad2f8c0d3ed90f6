use response_handler::{BodyReader, ResponseHandler, StatusCode};

#[derive(ResponseHandler)]
enum Inner {
    #[on_success]
    Ok(StatusCode),
}

// A derived type used as a field reads the body too (it handles the whole response).
#[derive(ResponseHandler)]
enum Outer {
    #[on_success]
    Both(Inner, BodyReader),
}

fn main() {}
