//! The reader on a real OpenAPI 3.1 description in YAML: Figma's REST API, whole
//! (`tests/openapi/figma.openapi.yaml`; npm package `@figma/rest-api-spec` 0.43.0).

use response_handler_openapi::{Description, StatusKey};

#[test]
fn figma_reads_as_openapi_3_1_yaml() {
    let description =
        Description::from_slice(include_bytes!("../../tests/openapi/figma.openapi.yaml")).unwrap();
    assert_eq!(description.version(), "3.1.0");
    assert_eq!(description.operations().len(), 54);
    let me = description.operation("getMe").unwrap();
    assert_eq!((me.method, me.path.as_str()), ("GET", "/v1/me"));
    let statuses: Vec<StatusKey> = me.responses.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [200, 403, 429, 500].map(StatusKey::Code),
        "YAML's numeric keys, through `$ref`s to components/responses"
    );
    assert!(me.responses.iter().all(|response| response.has_json()));
}
