//! Re-exports `response_handler` under another name, as an SDK that hands its users the
//! runtime (and the derive) without their depending on it. `tests/crate_path.rs` derives
//! through it with `#[response_handler(crate = "response_handler_reexport::rh")]`.

pub use response_handler as rh;
