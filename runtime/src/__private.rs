//! Support for the code `#[derive(ResponseHandler)]` generates. Not a public API: names and
//! signatures here change without notice.

pub use crate::class::{Failure, Informational, Redirection, Success};
pub use crate::error::{Error, ExtractError};
pub use crate::extract::Extract;
pub use crate::header_field::{header, optional_header};
pub use crate::response::BufferedResponse;
pub use crate::response_handler::ResponseHandler;
pub use core::{option::Option, result::Result};
pub use http::HeaderName;

use crate::error::{ErrorKind, Site};

/// The error for a field of `T` that could not be extracted; takes the response over, so that
/// nothing the server sent is lost.
#[cold]
pub fn field_error<T>(
    response: impl Into<BufferedResponse>,
    error: ExtractError,
    variant: Option<&'static str>,
    field: &'static str,
) -> Result<T, Error> {
    let site = Site { variant, field };
    let target = core::any::type_name::<T>();
    Err(Error::new(
        ErrorKind::Extract(error),
        target,
        Some(site),
        response.into(),
    ))
}

/// `Extract` for a derived type used as a field of another (a shared outcome type): it handles
/// a copy of the response (the body is shared) with its own rules.
pub fn delegate<T: ResponseHandler>(response: &BufferedResponse) -> Result<T, ExtractError> {
    T::from_buffered(response.clone()).map_err(|error| ExtractError::Delegated(Box::new(error)))
}

/// The error for a status that no variant of `T` handles.
#[cold]
pub fn unexpected_status<T>(response: impl Into<BufferedResponse>) -> Result<T, Error> {
    Err(Error::unexpected_status::<T>(response))
}

pub use crate::handler::{FromResponseError, Handler};

/// The class checks of a handler's per-code methods: `Self::created` must be callable as
/// `fn(&mut Handler, Success) -> Output` when it handles a 2xx, and so on. Each trait says, when
/// unmet, which class proof the method must take.
macro_rules! class_method_check {
    ($trait:ident, $proof:ident, $message:literal, $label:literal) => {
        #[diagnostic::on_unimplemented(
            message = $message,
            label = $label,
            note = "a per-code method receives the class proof of the status it handles: `Informational` (1xx), `Success` (2xx), `Redirection` (3xx), `Failure` (4xx, 5xx and 6xx-9xx); its return type is the handler's `output`"
        )]
        pub trait $trait<H: ?Sized, O> {
            fn call(self, handler: &mut H, response: $proof) -> O;
        }

        impl<H: ?Sized, O, F: FnOnce(&mut H, $proof) -> O> $trait<H, O> for F {
            #[inline(always)]
            fn call(self, handler: &mut H, response: $proof) -> O {
                self(handler, response)
            }
        }
    };
}

class_method_check!(
    InformationalMethod,
    Informational,
    "this method handles 1xx statuses: it must be `fn(&mut self, response: Informational) -> Output`",
    "called for 1xx statuses with `response_handler::Informational`"
);
class_method_check!(
    SuccessMethod,
    Success,
    "this method handles 2xx statuses: it must be `fn(&mut self, response: Success) -> Output`",
    "called for 2xx statuses with `response_handler::Success`"
);
class_method_check!(
    RedirectionMethod,
    Redirection,
    "this method handles 3xx statuses: it must be `fn(&mut self, response: Redirection) -> Output`",
    "called for 3xx statuses with `response_handler::Redirection`"
);
class_method_check!(
    FailureMethod,
    Failure,
    "this method handles failure statuses (4xx, 5xx): it must be `fn(&mut self, response: Failure) -> Output`",
    "called for failure statuses with `response_handler::Failure`"
);

/// The shape of a handler's `error = method`.
#[diagnostic::on_unimplemented(
    message = "the handler's `error` method must be `fn(&mut self, error: response_handler::Error) -> Output`",
    label = "not `fn(&mut self, response_handler::Error) -> Output`, with the handler's `output` type"
)]
pub trait ErrorMethod<H: ?Sized, O> {
    fn call(self, handler: &mut H, error: Error) -> O;
}

impl<H: ?Sized, O, F: FnOnce(&mut H, Error) -> O> ErrorMethod<H, O> for F {
    #[inline(always)]
    fn call(self, handler: &mut H, error: Error) -> O {
        self(handler, error)
    }
}

/// The error a handler gets for a status none of its methods handles.
#[cold]
pub fn unexpected_error<T: ?Sized>(response: impl Into<BufferedResponse>) -> Error {
    Error::unexpected_status::<T>(response)
}

/// Does `claims` (a type's exact codes and ranges, as `(first, last)`) hold a single code within
/// `first..=last`?
pub const fn claims_exact_within(claims: &[(u16, u16)], first: u16, last: u16) -> bool {
    let mut rest = claims;
    while let [(a, b), tail @ ..] = rest {
        if *a == *b && first <= *a && *a <= last {
            return true;
        }
        rest = tail;
    }
    false
}

/// Does any claim (exact code or range) of `claims` overlap `first..=last`?
pub const fn claims_any_within(claims: &[(u16, u16)], first: u16, last: u16) -> bool {
    let mut rest = claims;
    while let [(a, b), tail @ ..] = rest {
        if *a <= last && first <= *b {
            return true;
        }
        rest = tail;
    }
    false
}
