use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Page {
    #[on_success]
    Items(#[next_page(query = "cursor")] Vec<u8>),
}

fn main() {}
