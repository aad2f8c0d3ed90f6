use response_handler::{ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Outcome {
    #[on(600)]
    Strange,
    #[on(CONFLIT)]
    Conflict,
    #[on(201)]
    Created,
    #[on(CREATED)]
    AlsoCreated,
    #[on(450..=550)]
    Failed,
    #[on_success]
    Done,
    #[on_success]
    AlsoDone,
    NoHandler(StatusCode),
    #[on(404)]
    Missing {
        #[header("x request")]
        id: String,
    },
}

fn main() {
    let response = http::Response::builder().status(201).body(()).unwrap();
    let _ = Outcome::from_response(response);
}
