// Runtime extractors under other names, on a variant that other variants shadow: the derive
// checks every such field through its type, so a rename changes nothing.
use response_handler::{Json as Body, ResponseHandler, StatusCode as Code};

#[derive(Debug, PartialEq, ResponseHandler)]
enum GetUser {
    #[on(200)]
    Found(Code),
    #[on(404)]
    NotFound,
    #[on_failure]
    Failed(Code, Option<Body<u32>>),
}

fn main() {
    let respond = |status: u16| http::Response::builder().status(status).body(()).unwrap();
    assert_eq!(GetUser::from_response(respond(404)).unwrap(), GetUser::NotFound);
    assert_eq!(
        GetUser::from_response(respond(500)).unwrap(),
        GetUser::Failed(Code::INTERNAL_SERVER_ERROR, None)
    );
}
