// Mistakes in the attribute itself.
use response_handler::{ResponseHandler, openapi};

#[openapi::contract("../../openapi/api.github.com.json", operation = "pulls/lst")]
#[derive(Debug, ResponseHandler)]
enum Misspelt {
    #[on_success]
    Ok,
}

#[openapi::contract("../../openapi/missing.json", operation = "pulls/list")]
#[derive(Debug, ResponseHandler)]
enum NoFile {
    #[on_success]
    Ok,
}

#[openapi::contract("../../openapi/api.github.com.json")]
#[derive(Debug, ResponseHandler)]
enum NoOperation {
    #[on_success]
    Ok,
}

#[openapi::contract("../../openapi/api.github.com.json", operation = "pulls/list", allow = [1])]
#[derive(Debug, ResponseHandler)]
enum UnknownKey {
    #[on_success]
    Ok,
}

#[openapi::contract("../../openapi/api.github.com.json", operation = "pulls/list")]
#[derive(Debug)]
enum NotDerived {
    Ok,
}

fn main() {}
