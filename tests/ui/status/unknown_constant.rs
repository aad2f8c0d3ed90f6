use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(BANANA_SPLIT)]
    Dessert,
}

fn main() {}
