//! Acting on an outcome: whether a typed outcome is worth another attempt, and when.

mod hint;

pub use hint::{RetryHint, Retryable, ServerWait};
