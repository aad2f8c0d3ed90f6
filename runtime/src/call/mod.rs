//! A call: a request sent and its response handled in one go — its error ([`CallError`]) and
//! the body limit it reads with.

mod error;

pub use error::CallError;

/// The body limit of the client integrations when none is given: 2 MiB.
///
/// Over it, reading stops and the result is an [`Error`](crate::Error) of kind
/// [`ErrorKind::BodyTooLarge`](crate::ErrorKind::BodyTooLarge) holding the status, the headers
/// and the first `DEFAULT_BODY_LIMIT` bytes. A variant whose field streams the body
/// ([`BodyReader`](crate::BodyReader), `BodyStream`) is not held to it.
pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;
