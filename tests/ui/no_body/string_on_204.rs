use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Delete {
    #[on(204)]
    Deleted(String),
    #[on_failure]
    Failed,
}

fn main() {}
