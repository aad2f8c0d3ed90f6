//! An operation's facts, written for the derive: one line per response,
//! `STATUS|header,header|media/type,media/type|json` (`STATUS` as OpenAPI writes it: `304`,
//! `4XX`, `default`; the last part `json` when a media type is JSON by
//! [`response_handler_openapi::is_json`], empty otherwise, so that one function decides it).
//! The derive's `contract.rs` reads this format back; the derive stays free of any OpenAPI
//! dependency.

use response_handler_openapi::Operation;

pub fn encode(operation: &Operation) -> String {
    operation
        .responses
        .iter()
        .map(|response| {
            let headers: Vec<String> = response
                .headers
                .iter()
                .map(|header| header.name.to_ascii_lowercase())
                .collect();
            let media: Vec<&str> = response
                .content
                .iter()
                .map(|content| content.media_type.as_str())
                .collect();
            format!(
                "{}|{}|{}|{}",
                response.status,
                headers.join(","),
                media.join(","),
                if response.has_json() { "json" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use response_handler_openapi::Description;

    #[test]
    fn one_line_per_response() {
        let description = Description::from_slice(
            br#"{"openapi": "3.0.3", "paths": {"/a": {"post": {"operationId": "a",
              "responses": {
                "201": {"description": "", "headers": {"Location": {"schema": {}}},
                        "content": {"application/json": {}}},
                "4XX": {"description": ""}, "default": {"description": ""}}}}}}"#,
        )
        .unwrap();
        let operation = description.operation("a").unwrap();
        assert_eq!(
            super::encode(operation),
            "201|location|application/json|json\n4XX|||\ndefault|||"
        );
    }
}
