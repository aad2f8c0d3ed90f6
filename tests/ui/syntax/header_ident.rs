use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Outcome {
    #[on(201)]
    Created {
        #[header(x_id)]
        id: String,
    },
}

fn main() {}
