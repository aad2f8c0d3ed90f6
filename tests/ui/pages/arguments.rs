use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Unknown {
    #[on_success]
    Page(#[next_page(param = "cursor")] Option<String>),
}

#[derive(ResponseHandler)]
enum EmptyName {
    #[on_success]
    Page(#[next_page(query = "")] Option<String>),
}

#[derive(ResponseHandler)]
enum NotAString {
    #[on_success]
    Page(#[next_page(query = cursor)] Option<String>),
}

#[derive(ResponseHandler)]
enum SaysNothing {
    #[on_success]
    Page(#[next_page()] Option<String>),
}

#[derive(ResponseHandler)]
enum TwoNames {
    #[on_success]
    Page(#[next_page(query = "a", query = "b")] Option<String>),
}

fn main() {}
