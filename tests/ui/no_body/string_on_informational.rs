use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Upgrade {
    #[on_informational]
    Interim(String),
    #[on_success]
    Done,
}

fn main() {}
