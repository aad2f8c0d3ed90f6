//! The vendor families that report several limits at once, one per kind of quota: OpenAI's
//! `x-ratelimit-{limit,remaining,reset}-{kind}` (platform.openai.com, "Rate limits": kinds
//! `requests` and `tokens`) and Anthropic's `anthropic-ratelimit-{kind}-{limit,remaining,reset}`
//! (docs.anthropic.com, "Rate limits": kinds `requests`, `tokens`, `input-tokens`,
//! `output-tokens`, and `anthropic-priority-*` for Priority Tier).

use std::collections::HashMap;

use super::lines::{Lines, RawHeader};
use super::time::{go_duration, reset_from, rfc3339};
use super::{Limit, invalid, legacy::parse_decimal};
use crate::headers::{ParseHeaderError, Wait};

/// How a family names its headers and writes its resets.
pub(super) struct PerKind {
    /// Header-name prefixes, each with what the kind's name gets in front of it.
    prefixes: &'static [(&'static str, &'static str)],
    /// `prefix{field}-{kind}` (OpenAI) rather than `prefix{kind}-{field}` (Anthropic).
    field_first: bool,
    /// The vendor's own reset format, tried before the numeric reset rule.
    reset: fn(&str) -> Option<Wait>,
    /// What the error says the reset should have been.
    reset_expected: &'static str,
    /// `-1` means "no figure" (Azure OpenAI sends it for limit and remaining).
    minus_one_is_unknown: bool,
}

pub(super) static OPENAI: PerKind = PerKind {
    prefixes: &[("x-ratelimit-", "")],
    field_first: true,
    reset: |text| go_duration(text).map(Wait::After),
    reset_expected: "neither a Go duration (`6m0s`, `20ms`) nor a number of seconds",
    minus_one_is_unknown: true,
};

pub(super) static ANTHROPIC: PerKind = PerKind {
    prefixes: &[
        ("anthropic-ratelimit-", ""),
        ("anthropic-priority-", "priority-"),
    ],
    field_first: false,
    reset: |text| rfc3339(text).map(Wait::At),
    reset_expected: "neither an RFC 3339 timestamp nor a number of seconds",
    minus_one_is_unknown: false,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Limit,
    Remaining,
    Reset,
}

impl PerKind {
    /// The kind and field a header name stands for, if it is one of this family's.
    fn split(&self, name: &str) -> Option<(String, Field)> {
        let (rest, name_prefix) = self
            .prefixes
            .iter()
            .find_map(|(prefix, name_prefix)| Some((name.strip_prefix(prefix)?, name_prefix)))?;
        let (kind, field) = if self.field_first {
            let (field, kind) = rest.split_once('-')?;
            (kind, field)
        } else {
            rest.rsplit_once('-')?
        };
        let field = match field {
            "limit" => Field::Limit,
            "remaining" => Field::Remaining,
            "reset" => Field::Reset,
            _ => return None,
        };
        (!kind.is_empty()).then(|| (format!("{name_prefix}{kind}"), field))
    }
}

/// Every kind of `family` in the response, in the order of their first line; `None` when the
/// family is absent.
pub(super) fn read(
    lines: &Lines,
    family: &PerKind,
) -> Option<Result<Vec<Limit>, ParseHeaderError>> {
    let mut kinds: Vec<(String, Vec<(&RawHeader, Field)>)> = Vec::new();
    // Kind name to its index in `kinds`: a response may name many kinds.
    let mut index: HashMap<String, usize> = HashMap::new();
    for raw in &lines.raw {
        let Some((kind, field)) = family.split(raw.name.as_str()) else {
            continue;
        };
        match index.get(&kind).and_then(|&at| kinds.get_mut(at)) {
            Some((_, members)) => members.push((raw, field)),
            None => {
                index.insert(kind.clone(), kinds.len());
                kinds.push((kind, vec![(raw, field)]));
            }
        }
    }
    if kinds.is_empty() {
        return None;
    }
    Some(
        kinds
            .into_iter()
            .map(|(kind, members)| read_kind(family, kind, &members))
            .collect(),
    )
}

fn read_kind(
    family: &PerKind,
    kind: String,
    members: &[(&RawHeader, Field)],
) -> Result<Limit, ParseHeaderError> {
    let first = |wanted: Field| {
        members
            .iter()
            .find(|(raw, field)| *field == wanted && !raw.value().is_empty())
            .map(|(raw, _)| *raw)
    };
    let count = |wanted: Field| -> Result<Option<u64>, ParseHeaderError> {
        let Some(raw) = first(wanted) else {
            return Ok(None);
        };
        if family.minus_one_is_unknown && raw.value() == "-1" {
            return Ok(None);
        }
        parse_decimal(raw.value())
            .map(|(whole, _)| Some(whole))
            .ok_or_else(|| invalid(&raw.name, "not a non-negative number"))
    };
    let mut limit = Limit::new(Some(kind.into()));
    limit.limit = count(Field::Limit)?;
    limit.remaining = count(Field::Remaining)?;
    limit.reset = first(Field::Reset)
        .map(|raw| match (family.reset)(raw.value()) {
            Some(reset) => Ok(reset),
            None => parse_decimal(raw.value())
                .ok_or_else(|| invalid(&raw.name, family.reset_expected))
                .and_then(|(seconds, nanos)| reset_from(seconds, nanos, &raw.name)),
        })
        .transpose()?;
    limit.raw = members.iter().map(|(raw, _)| (*raw).clone()).collect();
    Ok(limit)
}
