// A compile-time check's error underlines the field's whole type, from its first token to its
// last, however its path is written: segments and generic arguments, a leading `::` (the derive
// reads a path type's first and last spans from syn's tree, not from its tokens).
use response_handler::ResponseHandler;

#[derive(ResponseHandler)]
enum Delete {
    #[on(204)]
    Deleted(std::string::String),
    #[on(304)]
    NotModified(::core::option::Option<std::string::String>),
}

fn main() {}
