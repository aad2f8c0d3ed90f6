//! Reads the responses of OpenAPI 3.0 and 3.1 descriptions (JSON or YAML) for
//! [`response-handler`](https://docs.rs/response-handler): which statuses, status ranges and
//! `default` each operation declares, the headers of each response and the media types of its
//! content, with `$ref`s to `components/responses` and `components/headers` resolved.
//!
//! Two users: `response_handler::openapi::contract`, the attribute that checks a derived
//! outcome enum against its operation at compile time, and [`generate`], which writes one
//! outcome enum per operation (for build scripts, and the `response-handler-openapi` command).
//!
//! Only `openapi`, `paths` and `components` (`responses`, `headers`) are read, with serde:
//! schemas, parameters and examples are skipped by the parser, never built. `openapiv3` reads
//! 3.0 only and `oas3` 3.1 only, and both build every schema of a description.
//!
//! ```
//! use response_handler_openapi::{Description, StatusKey};
//!
//! let yaml = br#"
//! openapi: 3.1.0
//! paths:
//!   /users/{name}:
//!     get:
//!       operationId: users/get
//!       responses:
//!         200:
//!           description: The user
//!           content: { application/json: {} }
//!         404: { $ref: '#/components/responses/not_found' }
//! components:
//!   responses:
//!     not_found: { description: No such user }
//! "#;
//! let description = Description::from_slice(yaml)?;
//! let operation = description.operation("users/get")?;
//! let statuses: Vec<StatusKey> = operation.responses.iter().map(|r| r.status).collect();
//! assert_eq!(statuses, [StatusKey::Code(200), StatusKey::Code(404)]);
//! assert!(operation.responses[0].has_json());
//! assert!(operation.responses[1].content.is_empty());
//! # Ok::<(), response_handler_openapi::Error>(())
//! ```
#![forbid(unsafe_code)]

mod description;
mod error;
pub mod generate;
mod raw;
mod status;

pub use description::{Content, Description, Header, Operation, Response, SchemaRef, is_json};
pub use error::Error;
pub use status::StatusKey;
