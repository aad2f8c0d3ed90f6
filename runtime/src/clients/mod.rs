//! The client integrations, one per client, each behind its cargo feature, and the extension
//! traits the two blocking clients share. The crate root re-exports each public module under
//! its own name (`response_handler::ureq`, `response_handler::reqwest`, ...).
//!
//! | file | what it holds |
//! |---|---|
//! | `body.rs` | `response_handler::body`: any `http_body::Body` — hyper, axum (feature `body`) |
//! | `reqwest/` | `response_handler::reqwest` (feature `reqwest`) and its `blocking` module (feature `reqwest-blocking`) |
//! | `ureq.rs` | `response_handler::ureq` (feature `ureq`) |
//! | `tower.rs` | `response_handler::tower`: layers for any tower stack (feature `tower`) |
//! | `reqwest_middleware.rs` | `response_handler::reqwest_middleware` (feature `reqwest-middleware`) |
//! | `blocking.rs` | the sealed extension traits both blocking clients share, written once |

#[cfg(feature = "__blocking")]
pub(crate) mod blocking;
#[cfg(feature = "body")]
pub mod body;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "reqwest-middleware")]
pub mod reqwest_middleware;
#[cfg(feature = "tower")]
pub mod tower;
#[cfg(feature = "ureq")]
pub mod ureq;
