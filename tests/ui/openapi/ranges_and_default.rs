// `4XX` asks every 4xx to be handled (here 404..=499 go nowhere), and `default` every status
// (here 1xx, 3xx, 5xx and 600..=999 go nowhere): the class catch-alls and `#[fallback]` do.
use response_handler::{Json, ResponseHandler, openapi};

#[openapi::contract("ranges.yaml", operation = "items/list")]
#[derive(Debug, ResponseHandler)]
enum ListItems {
    #[on(200)]
    Items(Json<Vec<String>>),
    #[on(400..=403)]
    Refused,
}

fn main() {}
