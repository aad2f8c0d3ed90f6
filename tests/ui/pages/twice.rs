use response_handler::headers::Link;
use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum TwoFields {
    #[on_success]
    Page(
        #[next_page] Option<Link>,
        #[header("x-cursor")]
        #[next_page(query = "cursor")]
        Option<String>,
    ),
}

#[derive(ResponseHandler)]
enum OneFieldTwice {
    #[on_success]
    Page(
        #[next_page]
        #[next_page]
        Option<Link>,
    ),
}

fn main() {}
