use response_handler::{Json, ResponseHandler};

#[derive(serde::Deserialize)]
struct Receipt {
    id: u64,
}

#[derive(ResponseHandler)]
enum Delete {
    #[on(NO_CONTENT)]
    Deleted { receipt: Json<Receipt> },
}

fn main() {}
