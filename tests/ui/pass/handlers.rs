use response_handler::{Error, Failure, Handler, Informational, Redirection, ResponseHandler, Success};

/// Generics, lifetimes, a where clause, every class, and `error = method`.
#[derive(ResponseHandler)]
#[handler(output = Result<T, String>, error = unexpected)]
#[on(200, 203, call = ok)]
#[on(304, call = cached)]
#[on(500..=599, call = server)]
#[on_informational(call = early)]
#[on_client_error(call = client)]
struct Cache<'a, T>
where
    T: Clone + Default,
{
    value: &'a mut T,
}

impl<T: Clone + Default> Cache<'_, T> {
    fn ok(&mut self, _: Success) -> Result<T, String> {
        Ok(self.value.clone())
    }
    fn cached(&mut self, _: Redirection) -> Result<T, String> {
        Ok(T::default())
    }
    fn server(&mut self, response: Failure) -> Result<T, String> {
        Err(response.status().to_string())
    }
    fn early(&mut self, _: Informational) -> Result<T, String> {
        Err("early".into())
    }
    fn client(&mut self, _: Failure) -> Result<T, String> {
        Err("client".into())
    }
    fn unexpected(&mut self, error: Error) -> Result<T, String> {
        Err(error.to_string())
    }
}

fn main() {
    let mut value = 7u8;
    let mut cache = Cache { value: &mut value };
    let respond = |status: u16| http::Response::builder().status(status).body(()).unwrap();
    assert_eq!(cache.handle(respond(203)), Ok(7));
    assert_eq!(cache.handle(respond(304)), Ok(0));
    assert_eq!(cache.handle(respond(502)).unwrap_err(), "502 Bad Gateway");
    assert_eq!(cache.handle(respond(404)).unwrap_err(), "client");
    assert!(cache.handle(respond(201)).unwrap_err().starts_with("unexpected status 201"));
}
