use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
union Outcome {
    code: u16,
    other: u32,
}

fn main() {}
