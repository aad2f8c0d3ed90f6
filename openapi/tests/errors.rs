//! Descriptions this reader refuses, each with a message that says why; none panics.

use response_handler_openapi::{Description, StatusKey};

fn error(text: &str) -> String {
    Description::from_slice(text.as_bytes())
        .unwrap_err()
        .to_string()
}

#[test]
fn unsupported_versions_are_named() {
    assert!(error("swagger: '2.0'\npaths: {}").contains("Swagger 2.0 is not supported"));
    assert!(error("openapi: 4.0.0").contains("OpenAPI 4.0.0 is not supported"));
    assert!(error("{}").contains("no `openapi` version field"));
    assert!(error("{").contains("not a JSON OpenAPI description"));
    assert!(error("- a\n- list").contains("not a YAML OpenAPI description"));
}

#[test]
fn references_are_resolved_or_refused() {
    let doc = |responses: &str, components: &str| {
        format!(
            "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      responses:\n{responses}\ncomponents:\n{components}"
        )
    };
    // A chain of two references, and a header by reference.
    let chained = doc(
        "        '404': {$ref: '#/components/responses/gone'}",
        "  responses:\n    gone: {$ref: '#/components/responses/missing'}\n    missing:\n      description: Missing\n      headers: {Retry-After: {$ref: '#/components/headers/wait'}}\n  headers:\n    wait: {required: true, schema: {type: integer}}",
    );
    let description = Description::from_slice(chained.as_bytes()).unwrap();
    let operation = description.operation("GET /a").unwrap();
    assert_eq!(operation.responses[0].status, StatusKey::Code(404));
    assert_eq!(
        operation.responses[0].description.as_deref(),
        Some("Missing")
    );
    assert_eq!(operation.responses[0].headers[0].name, "Retry-After");
    // `required` is the referenced header's.
    assert!(operation.responses[0].headers[0].required);
    let dangling_header = doc(
        "        '429': {description: Slow down, headers: {Retry-After: {$ref: '#/components/headers/nope'}}}",
        "  headers: {}",
    );
    assert!(
        error(&dangling_header)
            .contains("header `Retry-After`: `$ref: #/components/headers/nope` names no header")
    );

    let cycle = doc(
        "        '404': {$ref: '#/components/responses/a'}",
        "  responses:\n    a: {$ref: '#/components/responses/b'}\n    b: {$ref: '#/components/responses/a'}",
    );
    assert!(error(&cycle).contains("a cycle?"));
    let external = doc("        '404': {$ref: 'other.yaml#/x'}", "  responses: {}");
    assert!(error(&external).contains("only `#/components/responses/NAME`"));
    let dangling = doc(
        "        '404': {$ref: '#/components/responses/nope'}",
        "  responses: {}",
    );
    assert!(error(&dangling).contains("names no response"));
    let bad_key = doc("        '2XY': {description: x}", "  responses: {}");
    assert!(error(&bad_key).contains("GET /a, response `2XY`"));
}

#[test]
fn yaml_keys_may_be_numbers_and_ranges_and_default_are_read() {
    let yaml = "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      operationId: a\n      responses:\n        200: {description: ok}\n        4XX: {description: client}\n        default: {description: other}\n";
    let description = Description::from_slice(yaml.as_bytes()).unwrap();
    let statuses: Vec<StatusKey> = description.operations()[0]
        .responses
        .iter()
        .map(|response| response.status)
        .collect();
    assert_eq!(
        statuses,
        [
            StatusKey::Code(200),
            StatusKey::Range(4),
            StatusKey::Default
        ]
    );
}
