//! The keys of an operation's `responses`: a code, a class range (`4XX`) or `default`.

use core::fmt;

use crate::Error;

/// Which statuses one response of an operation describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusKey {
    /// `"304"`.
    Code(u16),
    /// `"4XX"`: the hundred (here 4) whose codes the response describes.
    Range(u16),
    /// `"default"`: every status the operation does not describe otherwise.
    Default,
}

impl StatusKey {
    /// Reads a key of `responses` as OpenAPI writes it (`200`, `4XX`, `default`). The
    /// specification spells ranges in capitals; `4xx` is accepted too.
    pub fn parse(key: &str) -> Result<Self, Error> {
        if key == "default" {
            return Ok(StatusKey::Default);
        }
        let bytes = key.as_bytes();
        if let [hundred @ b'1'..=b'5', b'X' | b'x', b'X' | b'x'] = bytes {
            return Ok(StatusKey::Range(u16::from(hundred - b'0')));
        }
        match key.parse::<u16>() {
            Ok(code) if (100..=599).contains(&code) && bytes.len() == 3 => {
                Ok(StatusKey::Code(code))
            }
            _ => Err(Error::new(format!(
                "`{key}` is not a response key: OpenAPI allows a code 100..=599, a range `1XX`..`5XX`, or `default`"
            ))),
        }
    }

    /// Whether `code` is one of the statuses this key names (`default` names none by itself).
    pub fn covers(self, code: u16) -> bool {
        match self {
            StatusKey::Code(own) => own == code,
            StatusKey::Range(hundred) => code / 100 == hundred,
            StatusKey::Default => false,
        }
    }

    /// Whether only failures (4xx, 5xx) reach this response.
    pub fn is_failure(self) -> bool {
        match self {
            StatusKey::Code(code) => code >= 400,
            StatusKey::Range(hundred) => hundred >= 4,
            StatusKey::Default => false,
        }
    }
}

impl fmt::Display for StatusKey {
    /// As OpenAPI writes it: `304`, `4XX`, `default`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusKey::Code(code) => write!(f, "{code}"),
            StatusKey::Range(hundred) => write!(f, "{hundred}XX"),
            StatusKey::Default => f.write_str("default"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_as_written() {
        assert_eq!(StatusKey::parse("304"), Ok(StatusKey::Code(304)));
        assert_eq!(StatusKey::parse("4XX"), Ok(StatusKey::Range(4)));
        assert_eq!(StatusKey::parse("5xx"), Ok(StatusKey::Range(5)));
        assert_eq!(StatusKey::parse("default"), Ok(StatusKey::Default));
        for bad in ["600", "99", "0200", "6XX", "2X", "Default", ""] {
            assert!(StatusKey::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(StatusKey::Range(4).to_string(), "4XX");
        assert!(StatusKey::Range(4).covers(404));
        assert!(!StatusKey::Range(4).covers(500));
        assert!(!StatusKey::Default.covers(200));
    }
}
