//! What the code `#[derive(ResponseHandler)]` generates names: re-exports only, and nothing in
//! the crate imports this module. Not a public API: names and signatures here change without
//! notice.

pub use crate::context::RequestContext;
pub use crate::error::{Error, ExtractError, field_error, owned_field_error, unexpected_status};
pub use crate::extract::Extract;
pub use crate::extract::delegate::{Delegated, delegate, delegate_owned};
pub use crate::extract::field_checks::{
    check_field, check_no_body, check_shadowed, check_streaming,
};
pub use crate::extract::header_field::{HeaderFromStr, header, optional_header};
pub use crate::handler::async_handler::AsyncHandler;
pub use crate::handler::{FromResponseError, Handler};
pub use crate::pages::{LinkField, Next, NextPage, PageCursor, next_from_cursor, next_from_link};
pub use crate::proof::{Failure, Informational, Redirection, Success};
pub use crate::response::BufferedResponse;
pub use crate::response::body_need::BodyNeed;
pub use crate::response_handler::{DerivedFacts, ResponseHandler};
pub use crate::retry::derive::{
    CanWait, CanWaitOr, CannotWait, FieldWait, Probe, ProbeSilent, ProbeWait, WaitField,
    require_wait, retry_hint, retry_hint_when_asked,
};
pub use crate::retry::{RetryHint, Retryable};
pub use crate::status_class::StatusClass;
pub use core::future::Future;
pub use core::{option::Option, result::Result};
pub use http::header as header_names;
pub use http::{HeaderName, StatusCode};
