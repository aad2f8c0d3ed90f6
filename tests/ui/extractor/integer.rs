use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Count {
    #[on_success]
    Done { count: u32 },
}

fn main() {}
