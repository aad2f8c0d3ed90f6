//! The parts of an OpenAPI 3.0 or 3.1 document this crate reads, as serde sees them: `paths`
//! (each operation's id, summary and `responses`) and `components` (`responses`, `headers`).
//! Everything else (schemas, parameters, examples) is skipped by the parser without being
//! built, so a 13 MB description costs little more than its responses.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Deserialize)]
pub struct Document {
    pub openapi: Option<String>,
    /// Swagger 2.0 documents have this instead of `openapi`: named in the error.
    pub swagger: Option<String>,
    #[serde(default)]
    pub paths: BTreeMap<String, PathItem>,
    #[serde(default)]
    pub components: Components,
}

#[derive(Deserialize, Default)]
pub struct Components {
    #[serde(default)]
    pub responses: BTreeMap<String, Response>,
    #[serde(default)]
    pub headers: BTreeMap<String, Header>,
}

#[derive(Deserialize)]
pub struct PathItem {
    pub get: Option<Operation>,
    pub put: Option<Operation>,
    pub post: Option<Operation>,
    pub delete: Option<Operation>,
    pub options: Option<Operation>,
    pub head: Option<Operation>,
    pub patch: Option<Operation>,
    pub trace: Option<Operation>,
}

impl PathItem {
    /// Its operations, each with its method in capitals, in the specification's order.
    pub fn operations(self) -> impl Iterator<Item = (&'static str, Operation)> {
        [
            ("GET", self.get),
            ("PUT", self.put),
            ("POST", self.post),
            ("DELETE", self.delete),
            ("OPTIONS", self.options),
            ("HEAD", self.head),
            ("PATCH", self.patch),
            ("TRACE", self.trace),
        ]
        .into_iter()
        .filter_map(|(method, operation)| Some((method, operation?)))
    }
}

#[derive(Deserialize)]
pub struct Operation {
    #[serde(rename = "operationId")]
    pub operation_id: Option<String>,
    pub summary: Option<String>,
    /// Keys as written: `200`, `4XX`, `default` (YAML reads `200` as a number: [`Key`]).
    #[serde(default)]
    pub responses: BTreeMap<Key, Response>,
}

/// A map key that YAML may give as a number (`200:`) and JSON as a string (`"200":`).
#[derive(Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(untagged)]
pub enum Key {
    Text(String),
    Number(u64),
}

impl Key {
    pub fn into_string(self) -> String {
        match self {
            Key::Text(text) => text,
            Key::Number(number) => number.to_string(),
        }
    }
}

/// A Response Object or a Reference Object (`$ref`, in 3.1 with `summary`/`description`
/// beside it).
#[derive(Deserialize, Clone)]
pub struct Response {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, Header>,
    #[serde(default)]
    pub content: BTreeMap<String, MediaType>,
}

/// A Header Object or a Reference Object.
#[derive(Deserialize, Clone)]
pub struct Header {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    #[serde(default)]
    pub required: bool,
}

#[derive(Deserialize, Clone)]
pub struct MediaType {
    pub schema: Option<Schema>,
}

/// Only what names a schema: its `$ref`, or an array's `items.$ref`.
#[derive(Deserialize, Clone)]
pub struct Schema {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub items: Option<Box<Schema>>,
}
