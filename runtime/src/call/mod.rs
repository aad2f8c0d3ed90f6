//! A call: a request sent and its response handled in one go — how it is configured
//! ([`CallOptions`], [`RetryMode`]) and its error ([`CallError`]).

mod error;
#[cfg(feature = "__async")]
pub(crate) mod future;
mod mode;
mod options;

pub use error::CallError;
pub use mode::RetryMode;
#[cfg_attr(
    not(any(feature = "body", feature = "__client")),
    allow(unused_imports)
)]
pub(crate) use options::DEFAULTS;
pub use options::{CallOptions, DEFAULT_BODY_LIMIT, DEFAULT_MAX_PAGES, Once};
