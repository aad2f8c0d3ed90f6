//! A description read into the facts about responses that outcome enums are held against,
//! with every `$ref` to `components/responses` and `components/headers` resolved.

use std::collections::BTreeMap;

use crate::raw;
use crate::{Error, StatusKey};

/// A `$ref` chain longer than this is taken for a cycle.
const MAX_REF_DEPTH: usize = 16;

/// The operations of an OpenAPI 3.0 or 3.1 description, each with its responses.
#[derive(Debug, Clone)]
pub struct Description {
    version: String,
    operations: Vec<Operation>,
}

/// One operation: a method on a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// `operationId`, when the description gives one.
    pub id: Option<String>,
    /// In capitals: `GET`, `POST`, ...
    pub method: &'static str,
    /// As the description writes it: `/repos/{owner}/{repo}/pulls`.
    pub path: String,
    /// One line, as the description gives it.
    pub summary: Option<String>,
    /// In the order of their keys: codes, then ranges, then `default`.
    pub responses: Vec<Response>,
}

/// One response of an operation, with its `$ref` resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: StatusKey,
    /// Markdown, as the description gives it (required by OpenAPI, absent in some documents).
    pub description: Option<String>,
    /// The headers it declares, names as written (`Location`, `X-RateLimit-Limit`).
    pub headers: Vec<Header>,
    /// Its media types; empty when the response has no content.
    pub content: Vec<Content>,
}

/// A header a response declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// As written in the description.
    pub name: String,
    /// `required: true`: the response always carries it.
    pub required: bool,
}

/// One media type of a response's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    /// `application/json`, `application/scim+json`, `application/vnd.github.diff`, ...
    pub media_type: String,
    /// The schema it names, if it names one by `$ref` to `components/schemas`.
    pub schema: Option<SchemaRef>,
}

/// A schema named by `$ref`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaRef {
    /// `$ref: '#/components/schemas/NAME'`.
    Named(String),
    /// `type: array`, `items: {$ref: '#/components/schemas/NAME'}`.
    ArrayOf(String),
}

impl Description {
    /// Reads a description from JSON or YAML (JSON when its first non-blank byte is `{`).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        let first = bytes.iter().find(|byte| !byte.is_ascii_whitespace());
        let document: raw::Document = if first == Some(&b'{') {
            serde_json::from_slice(bytes)
                .map_err(|error| Error::new(format!("not a JSON OpenAPI description: {error}")))?
        } else {
            serde_norway::from_slice(bytes)
                .map_err(|error| Error::new(format!("not a YAML OpenAPI description: {error}")))?
        };
        Self::from_document(document)
    }

    fn from_document(document: raw::Document) -> Result<Self, Error> {
        let version = match (document.openapi, document.swagger) {
            (Some(version), _) if version.starts_with("3.0.") || version.starts_with("3.1.") => {
                version
            }
            (Some(version), _) => {
                return Err(Error::new(format!(
                    "OpenAPI {version} is not supported: this reader knows 3.0 and 3.1"
                )));
            }
            (None, Some(version)) => {
                return Err(Error::new(format!(
                    "Swagger {version} is not supported: convert the description to OpenAPI 3 first"
                )));
            }
            (None, None) => {
                return Err(Error::new(
                    "no `openapi` version field: not an OpenAPI description",
                ));
            }
        };
        let components = document.components;
        let mut operations = Vec::new();
        for (path, item) in document.paths {
            for (method, operation) in item.operations() {
                let mut responses = Vec::with_capacity(operation.responses.len());
                for (key, response) in operation.responses {
                    let key = key.into_string();
                    let at = || format!("{method} {path}, response `{key}`");
                    let status = StatusKey::parse(&key)
                        .map_err(|error| Error::new(format!("{}: {error}", at())))?;
                    let response = resolve_response(&components, response, &at)?;
                    responses.push(Response {
                        status,
                        description: response.description.clone(),
                        headers: resolve_headers(&components, &response.headers, &at)?,
                        content: response
                            .content
                            .iter()
                            .map(|(media_type, media)| Content {
                                media_type: media_type.clone(),
                                schema: media.schema.as_ref().and_then(schema_ref),
                            })
                            .collect(),
                    });
                }
                responses.sort_by_key(|response| response.status);
                operations.push(Operation {
                    id: operation.operation_id,
                    method,
                    path: path.clone(),
                    summary: operation.summary,
                    responses,
                });
            }
        }
        Ok(Description {
            version,
            operations,
        })
    }

    /// The `openapi` field: `3.0.3`, `3.1.0`, ...
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Every operation, by path, then method in the specification's order.
    pub fn operations(&self) -> &[Operation] {
        &self.operations
    }

    /// The first `n` operations alone (all of them if there are fewer).
    pub fn truncated(&self, n: usize) -> Description {
        Description {
            version: self.version.clone(),
            operations: self.operations.iter().take(n).cloned().collect(),
        }
    }

    /// The operation named by `operationId` (`pulls/list`), or by method and path
    /// (`GET /repos/{owner}/{repo}/pulls`, method in any case).
    pub fn operation(&self, name: &str) -> Result<&Operation, Error> {
        let by_route = name
            .split_once(' ')
            .filter(|(_, path)| path.starts_with('/'));
        let found = self.operations.iter().find(|operation| match by_route {
            Some((method, path)) => {
                operation.method.eq_ignore_ascii_case(method) && operation.path == path
            }
            None => operation.id.as_deref() == Some(name),
        });
        found.ok_or_else(|| {
            let hint = match self.closest(name) {
                Some(close) => format!(": did you mean `{close}`?"),
                None => String::new(),
            };
            Error::new(format!(
                "the description has no operation `{name}` (give an `operationId`, or a method and a path such as `GET /users/{{username}}`){hint}"
            ))
        })
    }

    /// The operation id sharing the longest prefix with `name`, for "did you mean".
    fn closest(&self, name: &str) -> Option<&str> {
        let shared = |id: &str| {
            id.bytes()
                .zip(name.bytes())
                .take_while(|(a, b)| a == b)
                .count()
        };
        self.operations
            .iter()
            .filter_map(|operation| operation.id.as_deref())
            .max_by_key(|id| shared(id))
            .filter(|id| shared(id) >= 3)
    }
}

impl Response {
    /// Whether some media type of its content is JSON (`application/json`, `*/*+json`).
    pub fn has_json(&self) -> bool {
        self.content
            .iter()
            .any(|content| is_json(&content.media_type))
    }
}

/// `application/json`, `application/scim+json`, `application/json; charset=utf-8`, `*/*`'s
/// JSON cousins: what serde_json may decode.
pub fn is_json(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json") || essence == "*/*"
}

fn schema_ref(schema: &raw::Schema) -> Option<SchemaRef> {
    let named = |reference: &str| {
        reference
            .strip_prefix("#/components/schemas/")
            .map(str::to_owned)
    };
    if let Some(reference) = &schema.reference {
        return named(reference).map(SchemaRef::Named);
    }
    let items = schema.items.as_ref()?;
    named(items.reference.as_deref()?).map(SchemaRef::ArrayOf)
}

fn resolve_response<'a>(
    components: &'a raw::Components,
    response: raw::Response,
    at: &dyn Fn() -> String,
) -> Result<std::borrow::Cow<'a, raw::Response>, Error> {
    let Some(mut reference) = response.reference.clone() else {
        return Ok(std::borrow::Cow::Owned(response));
    };
    for _ in 0..MAX_REF_DEPTH {
        let name = local_name(&reference, "#/components/responses/", at)?;
        let target = components.responses.get(name).ok_or_else(|| {
            Error::new(format!(
                "{}: `$ref: {reference}` names no response under `components/responses`",
                at()
            ))
        })?;
        match &target.reference {
            Some(next) => reference = next.clone(),
            None => return Ok(std::borrow::Cow::Borrowed(target)),
        }
    }
    Err(Error::new(format!(
        "{}: `$ref` chain longer than {MAX_REF_DEPTH} (a cycle?)",
        at()
    )))
}

fn resolve_headers(
    components: &raw::Components,
    headers: &BTreeMap<String, raw::Header>,
    at: &dyn Fn() -> String,
) -> Result<Vec<Header>, Error> {
    let mut resolved = Vec::with_capacity(headers.len());
    for (name, header) in headers {
        let mut header = header;
        let mut depth = 0;
        while let Some(reference) = &header.reference {
            depth += 1;
            if depth > MAX_REF_DEPTH {
                return Err(Error::new(format!(
                    "{}: header `{name}`: `$ref` chain longer than {MAX_REF_DEPTH} (a cycle?)",
                    at()
                )));
            }
            let target = local_name(reference, "#/components/headers/", at)?;
            header = components.headers.get(target).ok_or_else(|| {
                Error::new(format!(
                    "{}: header `{name}`: `$ref: {reference}` names no header under `components/headers`",
                    at()
                ))
            })?;
        }
        // `Content-Type` is described by `content`; OpenAPI says such a header is ignored.
        if name.eq_ignore_ascii_case("content-type") {
            continue;
        }
        resolved.push(Header {
            name: name.clone(),
            required: header.required,
        });
    }
    Ok(resolved)
}

fn local_name<'r>(
    reference: &'r str,
    prefix: &str,
    at: &dyn Fn() -> String,
) -> Result<&'r str, Error> {
    reference.strip_prefix(prefix).ok_or_else(|| {
        Error::new(format!(
            "{}: `$ref: {reference}` is not supported here: only `{prefix}NAME` within the same document",
            at()
        ))
    })
}
