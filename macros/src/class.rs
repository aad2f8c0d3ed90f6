//! Which codes a status class holds: the one definition the parser, the checks and the
//! expansions share.

use core::ops::RangeInclusive;

use proc_macro2::Ident;
use quote::format_ident;

/// The codes `#[on(...)]` may name: the ones HTTP defines.
pub const NAMEABLE: RangeInclusive<u16> = 100..=599;

/// The codes a response may carry: 600–999 are undefined, but the `http` crate accepts them.
pub const RECEIVABLE: RangeInclusive<u16> = 100..=999;

/// The hundred a code belongs to, the "4" of 4xx: ranges in `#[on(...)]` stay within one.
pub fn hundred(code: u16) -> u16 {
    code / 100
}

/// The codes of a hundred: `4` → `400..=499`.
pub fn hundred_codes(hundred: u16) -> RangeInclusive<u16> {
    hundred * 100..=hundred * 100 + 99
}

/// The four status classes, as the runtime's per-class methods see them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Informational,
    Success,
    Redirection,
    Failure,
}

impl Class {
    pub const ALL: [Class; 4] = [
        Class::Informational,
        Class::Success,
        Class::Redirection,
        Class::Failure,
    ];

    pub fn of(code: u16) -> Class {
        match hundred(code) {
            1 => Class::Informational,
            2 => Class::Success,
            3 => Class::Redirection,
            _ => Class::Failure,
        }
    }

    /// The codes of the class: 600–999 are failures too.
    pub fn codes(self) -> RangeInclusive<u16> {
        match self {
            Class::Informational => hundred_codes(1),
            Class::Success => hundred_codes(2),
            Class::Redirection => hundred_codes(3),
            Class::Failure => *hundred_codes(4).start()..=*RECEIVABLE.end(),
        }
    }

    /// The runtime's per-class method (same name on `ResponseHandler` and `Handler`).
    pub fn method(self) -> Ident {
        format_ident!(
            "{}",
            match self {
                Class::Informational => "on_informational",
                Class::Success => "on_success",
                Class::Redirection => "on_redirection",
                Class::Failure => "on_failure",
            }
        )
    }

    /// The class proof type the method receives.
    pub fn proof_type(self) -> Ident {
        format_ident!(
            "{}",
            match self {
                Class::Informational => "Informational",
                Class::Success => "Success",
                Class::Redirection => "Redirection",
                Class::Failure => "Failure",
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_receivable_code_is_in_the_codes_of_its_class() {
        for code in RECEIVABLE {
            assert!(Class::of(code).codes().contains(&code), "{code}");
        }
        for class in Class::ALL {
            for code in class.codes() {
                assert!(Class::of(code) == class, "{code}");
            }
        }
    }
}
