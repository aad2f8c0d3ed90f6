use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Page {
    #[on_success]
    Items(#[header("x-next")] #[next_page] Option<String>),
}

fn main() {}
