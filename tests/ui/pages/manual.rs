use response_handler::headers::Link;
use response_handler::{Json, ResponseHandler};

#[derive(serde::Deserialize)]
struct List {
    next: Option<String>,
}

// A marker on a type that implements `NextPage` by hand: which one would be used?
#[derive(ResponseHandler)]
#[response_handler(manual_next_page)]
enum Marked {
    #[on_success]
    Page(Option<Link>, #[next_page(query = "after")] Json<List>),
}

// Given twice, and with a value.
#[derive(ResponseHandler)]
#[response_handler(manual_next_page, manual_next_page)]
enum Twice {
    #[on_success]
    Page(Option<Link>),
}

#[derive(ResponseHandler)]
#[response_handler(manual_next_page = true)]
enum WithValue {
    #[on_success]
    Page(Option<Link>),
}

fn main() {}
