//! Support for the code `#[derive(ResponseHandler)]` generates. Not a public API: names and
//! signatures here change without notice.

pub use crate::class::{Failure, Informational, Redirection, Success};
pub use crate::error::Error;
pub use crate::extract::Extract;
pub use crate::handler::ResponseHandler;
pub use crate::header::{header, optional_header};
pub use crate::response::BufferedResponse;
pub use core::{option::Option, result::Result};
pub use http::HeaderName;

use crate::error::{ErrorKind, ExtractError, Site};

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

/// The error for a status that no variant of `T` handles.
#[cold]
pub fn unexpected_status<T>(response: impl Into<BufferedResponse>) -> Result<T, Error> {
    Err(Error::unexpected_status::<T>(response))
}
