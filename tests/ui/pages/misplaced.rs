use response_handler::headers::Link;
use response_handler::{Error, ResponseHandler, Success};

#[derive(ResponseHandler)]
#[next_page]
enum OnTheEnum {
    #[on_success]
    Page(Option<Link>),
}

#[derive(ResponseHandler)]
enum OnAVariant {
    #[on_success]
    #[next_page]
    Page(Option<Link>),
}

#[derive(ResponseHandler)]
#[handler(output = Result<(), Error>)]
#[on_success(call = ok)]
struct OnAHandlerField {
    #[next_page]
    link: Option<Link>,
}

impl OnAHandlerField {
    fn ok(&mut self, _: Success) -> Result<(), Error> {
        Ok(())
    }
}

fn main() {}
