use response_handler::ResponseHandler;

mod api {
    use response_handler::ResponseHandler;

    #[derive(ResponseHandler)]
    pub enum ApiFailure {
        #[on(404)]
        NotFound,
        #[on_server_error]
        Server,
    }
}

// A shared outcome type imported under the name of a runtime extractor is still one: the check
// goes by what the type is, not by what it is called here.
use api::ApiFailure as Json;

#[derive(ResponseHandler)]
enum GetUser {
    #[on(200)]
    Found,
    #[on(404)]
    NotFound,
    #[on_failure]
    Failed(Json),
}

fn main() {}
