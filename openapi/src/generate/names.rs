//! Rust names for what a description names: operations, statuses, headers.

use std::collections::BTreeSet;

/// `pulls/list` → `PullsList`; without an id, `GET /users/{name}` → `GetUsersName`.
pub fn type_name(id: Option<&str>, method: &str, path: &str) -> String {
    let source = match id {
        Some(id) => id.to_owned(),
        None => format!("{method} {path}"),
    };
    let name = camel(&source);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Operation{name}")
    } else {
        name
    }
}

/// Words of `text` (split at anything not alphanumeric, and before a capital that follows a
/// lower-case letter) joined in camel case.
pub fn camel(text: &str) -> String {
    words(text)
        .iter()
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => {
                    first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
                }
                None => String::new(),
            }
        })
        .collect()
}

/// `X-RateLimit-Limit` → `x_rate_limit_limit`, a keyword raw (`r#type`).
pub fn snake(text: &str) -> String {
    let name = words(text)
        .iter()
        .map(|word| word.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("h_{name}")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in text.chars() {
        if !c.is_ascii_alphanumeric() {
            if !word.is_empty() {
                words.push(core::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower && !word.is_empty() {
            words.push(core::mem::take(&mut word));
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        word.push(c);
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// `name`, or `name2`, `name3`, ... if `taken` has it; the result is then taken.
pub fn unique(taken: &mut BTreeSet<String>, name: String) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe",
    "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override",
    "priv", "try", "typeof", "unsized", "virtual", "yield",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(type_name(Some("pulls/list"), "GET", "/x"), "PullsList");
        assert_eq!(
            type_name(Some("repos/create-dispatch-event"), "POST", "/x"),
            "ReposCreateDispatchEvent"
        );
        assert_eq!(type_name(None, "GET", "/users/{name}"), "GetUsersName");
        assert_eq!(type_name(Some("getUserById"), "GET", "/x"), "GetUserById");
        assert_eq!(type_name(Some("2fa"), "GET", "/x"), "Operation2fa");
        assert_eq!(snake("X-RateLimit-Limit"), "x_rate_limit_limit");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("Content-Language"), "content_language");
        let mut taken = BTreeSet::new();
        assert_eq!(unique(&mut taken, "Ok".into()), "Ok");
        assert_eq!(unique(&mut taken, "Ok".into()), "Ok2");
    }
}
