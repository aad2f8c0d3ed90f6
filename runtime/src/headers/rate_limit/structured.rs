//! The IETF draft's structured fields (RFC 9651): `RateLimit` — a list of service limits
//! `"name";r=remaining;t=reset` (draft 08 and later) or a dictionary
//! `limit=100, remaining=50, reset=30` (draft 07) — and `RateLimit-Policy`, the quota policies
//! `"name";q=100;w=60` (draft 08 and later) or `100;w=60` (drafts 05–07).

use std::time::Duration;

use http::HeaderName;
use sfv::{BareItem, Dictionary, Item, List, ListEntry, Parser};

use super::lines::{Lines, RawHeader};
use super::time::reset_from;
use super::{Limit, invalid};
use crate::headers::{ParseHeaderError, Wait};

/// `RateLimit`: the draft's field, and the name reported when no rate-limit header is present.
pub(super) static RATELIMIT: HeaderName = HeaderName::from_static("ratelimit");
/// `RateLimit-Policy`.
pub(super) static POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");

/// `RateLimit-Policy` alone: the first policy's quota and window.
pub(super) fn read_policy_only(lines: &Lines) -> Result<Limit, ParseHeaderError> {
    let policies = policies(lines)?;
    let Some(policy) = policies.first() else {
        return Err(invalid(&POLICY, "no quota policy"));
    };
    let mut limit = Limit::new(policy.name.as_deref().map(Into::into));
    limit.limit = Some(policy.quota);
    limit.window = policy.window;
    limit.raw = own_lines(lines);
    Ok(limit)
}

/// The lines a structured limit is read from: all of `RateLimit` and `RateLimit-Policy`.
fn own_lines(lines: &Lines) -> Vec<RawHeader> {
    lines.copies(|name| name == RATELIMIT.as_str() || name == POLICY.as_str())
}

/// The structured `RateLimit` field, in both its list and dictionary forms, with
/// `RateLimit-Policy`: one limit per service limit of the list, one for the dictionary.
pub(super) fn read(lines: &Lines) -> Result<Vec<Limit>, ParseHeaderError> {
    let policies = policies(lines)?;
    let joined = lines.joined(&RATELIMIT);
    if let Ok(list) = Parser::new(&*joined).parse::<List>() {
        // Draft 08+: a list of service limits, `"name";r=remaining;t=reset`.
        let mut limits = Vec::with_capacity(list.len());
        for entry in &list {
            let ListEntry::Item(item) = entry else {
                return Err(invalid(&RATELIMIT, "an inner list is no service limit"));
            };
            let service = service_limit(item)?;
            let policy = policies
                .iter()
                .find(|policy| policy.name.is_some() && policy.name == service.name);
            let mut limit = Limit::new(service.name.map(Into::into));
            limit.limit = policy.map(|policy| policy.quota);
            limit.window = policy.and_then(|policy| policy.window);
            limit.remaining = Some(service.remaining);
            limit.reset = service.reset;
            limit.raw = own_lines(lines);
            limits.push(limit);
        }
        if limits.is_empty() {
            return Err(invalid(&RATELIMIT, "no service limit"));
        }
        return Ok(limits);
    }
    // Draft 07: a dictionary, `limit=100, remaining=50, reset=30`.
    let dictionary = Parser::new(&*joined).parse::<Dictionary>().map_err(|_| {
        invalid(
            &RATELIMIT,
            "not a structured field (RFC 9651) list of service limits or dictionary",
        )
    })?;
    let member = |key: &str| -> Result<Option<u64>, ParseHeaderError> {
        match dictionary.get(key) {
            None => Ok(None),
            Some(ListEntry::Item(item)) => {
                non_negative(&item.bare_item).map(Some).ok_or_else(|| {
                    invalid(&RATELIMIT, format!("`{key}` is not a non-negative integer"))
                })
            }
            Some(ListEntry::InnerList(_)) => Err(invalid(
                &RATELIMIT,
                format!("`{key}` is not a non-negative integer"),
            )),
        }
    };
    let mut limit = Limit::new(None);
    limit.limit = member("limit")?;
    limit.remaining = member("remaining")?;
    limit.reset = member("reset")?
        .map(|seconds| reset_from(seconds, 0, &RATELIMIT))
        .transpose()?;
    if limit.limit.is_none() && limit.remaining.is_none() && limit.reset.is_none() {
        return Err(invalid(&RATELIMIT, "no limit, remaining or reset"));
    }
    limit.window = policies
        .iter()
        .find(|policy| Some(policy.quota) == limit.limit)
        .or(policies.first())
        .and_then(|policy| policy.window);
    limit.raw = own_lines(lines);
    Ok(vec![limit])
}

struct ServiceLimit {
    name: Option<String>,
    remaining: u64,
    reset: Option<Wait>,
}

fn service_limit(item: &Item) -> Result<ServiceLimit, ParseHeaderError> {
    let remaining = item
        .params
        .get("r")
        .ok_or_else(|| invalid(&RATELIMIT, "a service limit without `r` (remaining)"))
        .and_then(|value| {
            non_negative(value)
                .ok_or_else(|| invalid(&RATELIMIT, "`r` is not a non-negative integer"))
        })?;
    let reset_seconds = item
        .params
        .get("t")
        .map(|value| {
            non_negative(value)
                .ok_or_else(|| invalid(&RATELIMIT, "`t` is not a non-negative integer"))
        })
        .transpose()?;
    Ok(ServiceLimit {
        name: item_name(&item.bare_item),
        remaining,
        reset: reset_seconds
            .map(|seconds| reset_from(seconds, 0, &RATELIMIT))
            .transpose()?,
    })
}

/// One quota policy of `RateLimit-Policy`.
pub(super) struct Policy {
    name: Option<String>,
    pub(super) quota: u64,
    pub(super) window: Option<Duration>,
}

/// `RateLimit-Policy`: draft 08+ `"name";q=100;w=60` items, or drafts 05–07 `100;w=60`.
pub(super) fn policies(lines: &Lines) -> Result<Vec<Policy>, ParseHeaderError> {
    if lines.first(&POLICY).is_none() {
        return Ok(Vec::new());
    }
    let list = Parser::new(&*lines.joined(&POLICY))
        .parse::<List>()
        .map_err(|_| invalid(&POLICY, "not a structured field (RFC 9651) list"))?;
    let mut policies = Vec::new();
    for entry in &list {
        let ListEntry::Item(item) = entry else {
            return Err(invalid(&POLICY, "an inner list is no quota policy"));
        };
        let (name, quota) = match non_negative(&item.bare_item) {
            Some(quota) => (None, Some(quota)),
            None => (
                item_name(&item.bare_item),
                item.params.get("q").and_then(non_negative),
            ),
        };
        let quota = quota.ok_or_else(|| invalid(&POLICY, "a policy without a quota (`q`)"))?;
        let window = match item.params.get("w") {
            None => None,
            Some(value) => Some(Duration::from_secs(
                non_negative(value)
                    .ok_or_else(|| invalid(&POLICY, "`w` is not a non-negative integer"))?,
            )),
        };
        policies.push(Policy {
            name,
            quota,
            window,
        });
    }
    Ok(policies)
}

fn item_name(item: &BareItem) -> Option<String> {
    match item {
        BareItem::String(name) => Some(name.as_str().to_owned()),
        BareItem::Token(name) => Some(name.as_str().to_owned()),
        _ => None,
    }
}

fn non_negative(item: &BareItem) -> Option<u64> {
    item.as_integer()
        .and_then(|integer| u64::try_from(i64::from(integer)).ok())
}
