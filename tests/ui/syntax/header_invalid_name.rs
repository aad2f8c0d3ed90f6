use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(201)]
    Created {
        #[header("x request")]
        id: String,
    },
}

fn main() {}
