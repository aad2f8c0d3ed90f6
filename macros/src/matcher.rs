//! What a variant answers to: a code, a range, or a catch-all. `attr.rs` and
//! `status_grammar.rs` build these; validation and expansion read them.

use core::ops::RangeInclusive;

use proc_macro2::TokenStream;
use syn::Ident;

use crate::class::{self, Class};
use crate::symbol::{self, Symbol};

/// One thing a variant answers to.
pub struct Matcher {
    pub kind: MatcherKind,
    /// The tokens that said it, for error spans.
    pub tokens: TokenStream,
    /// In a handler: the method to call (`call = created`).
    pub call: Option<Ident>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MatcherKind {
    /// `#[on(409)]`, `#[on(CONFLICT)]`, `#[on(StatusCode::CONFLICT)]`.
    Code(u16),
    /// `#[on(500..=599)]`: first and last code.
    Range(u16, u16),
    /// `#[on_success]`, `#[fallback]`, ...
    CatchAll(CatchAll),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CatchAll {
    Informational,
    Success,
    Redirection,
    ClientError,
    ServerError,
    Failure,
    Fallback,
}

impl CatchAll {
    pub const ALL: [CatchAll; 7] = [
        CatchAll::Informational,
        CatchAll::Success,
        CatchAll::Redirection,
        CatchAll::ClientError,
        CatchAll::ServerError,
        CatchAll::Failure,
        CatchAll::Fallback,
    ];

    pub fn symbol(self) -> Symbol {
        match self {
            CatchAll::Informational => symbol::ON_INFORMATIONAL,
            CatchAll::Success => symbol::ON_SUCCESS,
            CatchAll::Redirection => symbol::ON_REDIRECTION,
            CatchAll::ClientError => symbol::ON_CLIENT_ERROR,
            CatchAll::ServerError => symbol::ON_SERVER_ERROR,
            CatchAll::Failure => symbol::ON_FAILURE,
            CatchAll::Fallback => symbol::FALLBACK,
        }
    }

    /// The codes it catches, before precedence gives some of them to other attributes.
    pub fn codes(self) -> RangeInclusive<u16> {
        match self {
            CatchAll::Informational => Class::Informational.codes(),
            CatchAll::Success => Class::Success.codes(),
            CatchAll::Redirection => Class::Redirection.codes(),
            CatchAll::ClientError => class::hundred_codes(4),
            CatchAll::ServerError => class::hundred_codes(5),
            CatchAll::Failure => Class::Failure.codes(),
            CatchAll::Fallback => class::RECEIVABLE,
        }
    }

    /// The catch-all whose codes are exactly the hundred `hundred` (`5` → `#[on_server_error]`),
    /// for `#[on(5xx)]`.
    pub fn of_hundred(hundred: u16) -> Option<CatchAll> {
        CatchAll::ALL
            .into_iter()
            .find(|catch_all| catch_all.codes() == class::hundred_codes(hundred))
    }

    /// The catch-all named `name` (an attribute's, from `symbol::name_of`).
    pub fn from_name(name: Option<&str>) -> Option<CatchAll> {
        CatchAll::ALL
            .into_iter()
            .find(|catch_all| catch_all.symbol().is(name))
    }
}
