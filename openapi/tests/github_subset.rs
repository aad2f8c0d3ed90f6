//! The reader on real operations: the committed subset of GitHub's REST description
//! (`tests/openapi/api.github.com.json`, OpenAPI 3.0.3; where it comes from is in its
//! `info.x-trimmed`).

use response_handler_openapi::{Description, SchemaRef, StatusKey};

const GITHUB: &[u8] = include_bytes!("../../tests/openapi/api.github.com.json");

fn github() -> Description {
    Description::from_slice(GITHUB).expect("the subset reads")
}

fn statuses(description: &Description, operation: &str) -> Vec<StatusKey> {
    let operation = description.operation(operation).unwrap();
    operation
        .responses
        .iter()
        .map(|response| response.status)
        .collect()
}

fn header_names(description: &Description, operation: &str, code: u16) -> Vec<String> {
    let operation = description.operation(operation).unwrap();
    let response = operation
        .responses
        .iter()
        .find(|response| response.status == StatusKey::Code(code))
        .unwrap();
    response
        .headers
        .iter()
        .map(|header| header.name.clone())
        .collect()
}

#[test]
fn every_operation_of_the_subset_is_read() {
    let description = github();
    assert_eq!(description.version(), "3.0.3");
    assert_eq!(description.operations().len(), 24);
}

#[test]
fn a_list_declares_its_304_and_its_link() {
    let description = github();
    assert_eq!(
        statuses(&description, "pulls/list"),
        [
            StatusKey::Code(200),
            StatusKey::Code(304),
            StatusKey::Code(422)
        ]
    );
    // `Link` comes through `$ref: '#/components/headers/link'`.
    assert_eq!(header_names(&description, "pulls/list", 200), ["Link"]);
    let operation = description.operation("pulls/list").unwrap();
    let [ok, not_modified, invalid] = &operation.responses[..] else {
        panic!("three responses");
    };
    assert!(ok.has_json());
    assert_eq!(
        ok.content[0].schema,
        Some(SchemaRef::ArrayOf("pull-request-simple".to_owned()))
    );
    // `$ref: '#/components/responses/not_modified'`: no content.
    assert!(not_modified.content.is_empty());
    assert_eq!(not_modified.description.as_deref(), Some("Not modified"));
    // `$ref: '#/components/responses/validation_failed'`: JSON and SCIM's JSON.
    let media: Vec<&str> = invalid
        .content
        .iter()
        .map(|c| c.media_type.as_str())
        .collect();
    assert_eq!(media, ["application/json"]);
}

#[test]
fn a_create_declares_its_location() {
    let description = github();
    assert_eq!(
        header_names(&description, "pulls/create", 201),
        ["Location"]
    );
    assert_eq!(
        header_names(&description, "issues/create", 201),
        ["Location"]
    );
    let operation = description
        .operation("repos/download-tarball-archive")
        .unwrap();
    assert_eq!(operation.responses[0].status, StatusKey::Code(302));
    assert_eq!(operation.responses[0].headers[0].name, "Location");
}

#[test]
fn rate_limit_headers_resolve_through_components() {
    let description = github();
    assert_eq!(
        header_names(&description, "rate-limit/get", 200),
        [
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset"
        ]
    );
}

#[test]
fn several_media_types_are_kept() {
    let description = github();
    let operation = description.operation("repos/get-commit").unwrap();
    let media: Vec<&str> = operation.responses[0]
        .content
        .iter()
        .map(|content| content.media_type.as_str())
        .collect();
    assert_eq!(
        media,
        [
            "application/json",
            "application/vnd.github.diff",
            "application/vnd.github.patch",
            "application/vnd.github.sha"
        ]
    );
    let zen = description.operation("meta/get-zen").unwrap();
    assert!(!zen.responses[0].has_json());
    let forks = description.operation("repos/create-fork").unwrap();
    let bad_request = &forks.responses[1];
    assert_eq!(bad_request.status, StatusKey::Code(400));
    assert!(
        bad_request
            .content
            .iter()
            .any(|c| c.media_type == "application/scim+json")
    );
    assert!(bad_request.has_json());
}

#[test]
fn an_operation_is_found_by_method_and_path() {
    let description = github();
    let by_route = description
        .operation("get /repos/{owner}/{repo}/pulls")
        .unwrap();
    assert_eq!(by_route.id.as_deref(), Some("pulls/list"));
    let error = description.operation("pulls/lst").unwrap_err().to_string();
    assert!(error.contains("no operation `pulls/lst`"), "{error}");
    assert!(error.contains("did you mean `pulls/list`"), "{error}");
}
