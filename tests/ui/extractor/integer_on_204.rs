use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Delete {
    #[on(204)]
    Deleted(u64),
}

fn main() {}
