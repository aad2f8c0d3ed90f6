use core::marker::PhantomData;

use response_handler::{ResponseHandler, StatusCode};

#[derive(Debug, ResponseHandler)]
enum Borrowing<'a> {
    #[on_success]
    Ok(PhantomData<&'a ()>),
    #[on_failure]
    Failed(StatusCode, PhantomData<&'a str>),
}

#[derive(Debug, ResponseHandler)]
struct Both<'a, T: 'a> {
    status: StatusCode,
    marker: PhantomData<&'a T>,
}

fn main() {
    let ok = http::Response::builder().status(200).body(()).unwrap();
    assert!(matches!(
        Borrowing::from_response(ok),
        Ok(Borrowing::Ok(PhantomData))
    ));
    let failed = http::Response::builder().status(418).body(()).unwrap();
    assert!(matches!(
        Borrowing::from_response(failed),
        Ok(Borrowing::Failed(StatusCode::IM_A_TEAPOT, PhantomData))
    ));
    let both = http::Response::builder().status(201).body(()).unwrap();
    let Both { status, marker } = Both::<'static, u8>::from_response(both).unwrap();
    assert_eq!(status, StatusCode::CREATED);
    let _: PhantomData<&u8> = marker;
}
