//! Attribute names, in one place.

use core::fmt;

use syn::{Ident, Path};

#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Symbol(&'static str);

pub const ON: Symbol = Symbol("on");
pub const ON_INFORMATIONAL: Symbol = Symbol("on_informational");
pub const ON_SUCCESS: Symbol = Symbol("on_success");
pub const ON_REDIRECTION: Symbol = Symbol("on_redirection");
pub const ON_CLIENT_ERROR: Symbol = Symbol("on_client_error");
pub const ON_SERVER_ERROR: Symbol = Symbol("on_server_error");
pub const ON_FAILURE: Symbol = Symbol("on_failure");
/// The spelling of `#[on_redirection]` before RFC 9110's word ("Redirection 3xx") was taken
/// for the attribute as for the trait method and the proof type: still a helper attribute of the
/// derive, so that it can say what to write instead.
pub const ON_REDIRECT_RENAMED: Symbol = Symbol("on_redirect");
pub const FALLBACK: Symbol = Symbol("fallback");
pub const HEADER: Symbol = Symbol("header");
pub const HANDLER: Symbol = Symbol("handler");
pub const CALL: Symbol = Symbol("call");
pub const OUTPUT: Symbol = Symbol("output");
pub const ERROR: Symbol = Symbol("error");
pub const RETRY: Symbol = Symbol("retry");
/// `#[retry(when_asked)]`.
pub const WHEN_ASKED: Symbol = Symbol("when_asked");
pub const NEXT_PAGE: Symbol = Symbol("next_page");
pub const QUERY: Symbol = Symbol("query");
pub const ASYNC: Symbol = Symbol("async");
pub const RESPONSE_HANDLER: Symbol = Symbol("response_handler");
pub const CRATE: Symbol = Symbol("crate");
pub const MANUAL_NEXT_PAGE: Symbol = Symbol("manual_next_page");
/// The hidden attribute `#[openapi::contract]` leaves on the item: the operation's facts.
pub const CONTRACT: Symbol = Symbol("__response_handler_contract");

impl Symbol {
    /// Is `name` (from [`name_of`]) this symbol?
    pub fn is(self, name: Option<&str>) -> bool {
        name == Some(self.0)
    }
}

/// The text of `path` when it is one identifier (`on`, not `a::on`), read once to compare with
/// several symbols: comparing an identifier with a string reads its text from the compiler
/// anew each time, and each attribute is compared with a dozen names.
pub fn name_of(path: &Path) -> Option<String> {
    path.get_ident().map(ToString::to_string)
}

impl PartialEq<Symbol> for Ident {
    fn eq(&self, word: &Symbol) -> bool {
        self == word.0
    }
}

impl PartialEq<Symbol> for Path {
    fn eq(&self, word: &Symbol) -> bool {
        self.is_ident(word.0)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
