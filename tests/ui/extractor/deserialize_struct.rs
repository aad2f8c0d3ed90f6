// A type the server sends as JSON, used as a field without `Json<...>`: the note names the fix
// with the user's own type in it.
use response_handler::ResponseHandler;
use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Issue {
    number: u64,
    title: String,
}

#[derive(ResponseHandler)]
enum GetIssue {
    #[on(200)]
    Found(Issue),
}

fn main() {}
