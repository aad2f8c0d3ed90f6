use response_handler::ureq::ResponseExt;
use response_handler::{Error, ResponseHandler, Success};

#[derive(ResponseHandler)]
#[handler(output = Result<String, Error>, async)]
#[on_success(call = ok)]
struct Text;

impl Text {
    async fn ok(&mut self, response: Success) -> Result<String, Error> {
        response.extract().map_err(|e| Error::extract::<Self>(e, response))
    }
}

fn fetch(agent: &ureq::Agent) -> Result<String, Error> {
    let response = agent.get("http://127.0.0.1:1/").call().unwrap();
    // ureq is blocking: it cannot drive an async handler.
    response.handle_with(&mut Text)
}

fn main() {
    let _ = fetch;
}
