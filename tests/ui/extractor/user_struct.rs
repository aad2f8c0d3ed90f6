use response_handler::ResponseHandler;

struct User {
    id: u64,
}

#[derive(ResponseHandler)]
enum GetUser {
    #[on(200)]
    Found(User),
}

fn main() {}
