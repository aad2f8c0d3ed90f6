//! The status codes the derive knows by name: `http::StatusCode`'s constants.

/// `(constant name, code, reason phrase)`, as `http` 1.x defines them.
const KNOWN: &[(&str, u16, &str)] = &[
    ("CONTINUE", 100, "Continue"),
    ("SWITCHING_PROTOCOLS", 101, "Switching Protocols"),
    ("PROCESSING", 102, "Processing"),
    ("EARLY_HINTS", 103, "Early Hints"),
    ("OK", 200, "OK"),
    ("CREATED", 201, "Created"),
    ("ACCEPTED", 202, "Accepted"),
    (
        "NON_AUTHORITATIVE_INFORMATION",
        203,
        "Non Authoritative Information",
    ),
    ("NO_CONTENT", 204, "No Content"),
    ("RESET_CONTENT", 205, "Reset Content"),
    ("PARTIAL_CONTENT", 206, "Partial Content"),
    ("MULTI_STATUS", 207, "Multi-Status"),
    ("ALREADY_REPORTED", 208, "Already Reported"),
    ("IM_USED", 226, "IM Used"),
    ("MULTIPLE_CHOICES", 300, "Multiple Choices"),
    ("MOVED_PERMANENTLY", 301, "Moved Permanently"),
    ("FOUND", 302, "Found"),
    ("SEE_OTHER", 303, "See Other"),
    ("NOT_MODIFIED", 304, "Not Modified"),
    ("USE_PROXY", 305, "Use Proxy"),
    ("TEMPORARY_REDIRECT", 307, "Temporary Redirect"),
    ("PERMANENT_REDIRECT", 308, "Permanent Redirect"),
    ("BAD_REQUEST", 400, "Bad Request"),
    ("UNAUTHORIZED", 401, "Unauthorized"),
    ("PAYMENT_REQUIRED", 402, "Payment Required"),
    ("FORBIDDEN", 403, "Forbidden"),
    ("NOT_FOUND", 404, "Not Found"),
    ("METHOD_NOT_ALLOWED", 405, "Method Not Allowed"),
    ("NOT_ACCEPTABLE", 406, "Not Acceptable"),
    (
        "PROXY_AUTHENTICATION_REQUIRED",
        407,
        "Proxy Authentication Required",
    ),
    ("REQUEST_TIMEOUT", 408, "Request Timeout"),
    ("CONFLICT", 409, "Conflict"),
    ("GONE", 410, "Gone"),
    ("LENGTH_REQUIRED", 411, "Length Required"),
    ("PRECONDITION_FAILED", 412, "Precondition Failed"),
    ("PAYLOAD_TOO_LARGE", 413, "Payload Too Large"),
    ("URI_TOO_LONG", 414, "URI Too Long"),
    ("UNSUPPORTED_MEDIA_TYPE", 415, "Unsupported Media Type"),
    ("RANGE_NOT_SATISFIABLE", 416, "Range Not Satisfiable"),
    ("EXPECTATION_FAILED", 417, "Expectation Failed"),
    ("IM_A_TEAPOT", 418, "I'm a teapot"),
    ("MISDIRECTED_REQUEST", 421, "Misdirected Request"),
    ("UNPROCESSABLE_ENTITY", 422, "Unprocessable Entity"),
    ("LOCKED", 423, "Locked"),
    ("FAILED_DEPENDENCY", 424, "Failed Dependency"),
    ("TOO_EARLY", 425, "Too Early"),
    ("UPGRADE_REQUIRED", 426, "Upgrade Required"),
    ("PRECONDITION_REQUIRED", 428, "Precondition Required"),
    ("TOO_MANY_REQUESTS", 429, "Too Many Requests"),
    (
        "REQUEST_HEADER_FIELDS_TOO_LARGE",
        431,
        "Request Header Fields Too Large",
    ),
    (
        "UNAVAILABLE_FOR_LEGAL_REASONS",
        451,
        "Unavailable For Legal Reasons",
    ),
    ("INTERNAL_SERVER_ERROR", 500, "Internal Server Error"),
    ("NOT_IMPLEMENTED", 501, "Not Implemented"),
    ("BAD_GATEWAY", 502, "Bad Gateway"),
    ("SERVICE_UNAVAILABLE", 503, "Service Unavailable"),
    ("GATEWAY_TIMEOUT", 504, "Gateway Timeout"),
    (
        "HTTP_VERSION_NOT_SUPPORTED",
        505,
        "HTTP Version Not Supported",
    ),
    ("VARIANT_ALSO_NEGOTIATES", 506, "Variant Also Negotiates"),
    ("INSUFFICIENT_STORAGE", 507, "Insufficient Storage"),
    ("LOOP_DETECTED", 508, "Loop Detected"),
    ("NOT_EXTENDED", 510, "Not Extended"),
    (
        "NETWORK_AUTHENTICATION_REQUIRED",
        511,
        "Network Authentication Required",
    ),
];

/// The code of an `http::StatusCode` constant name.
pub fn code_of(name: &str) -> Option<u16> {
    KNOWN
        .iter()
        .find(|(known, _, _)| *known == name)
        .map(|&(_, code, _)| code)
}

/// `"409 Conflict"`, or just `"799"` for a code without a standard reason.
pub fn describe(code: u16) -> String {
    match KNOWN.iter().find(|&&(_, known, _)| known == code) {
        Some((_, _, reason)) => format!("{code} {reason}"),
        None => code.to_string(),
    }
}

/// The known name closest to `name` (case-insensitive edit distance), if one is close enough to
/// be what the user meant.
pub fn closest_name(name: &str) -> Option<&'static str> {
    let wanted = name.to_ascii_uppercase();
    KNOWN
        .iter()
        .map(|&(known, _, _)| (edit_distance(&wanted, known), known))
        .filter(|&(distance, known)| distance <= known.len().max(wanted.len()) / 3 + 1)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, known)| known)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_to_codes() {
        assert_eq!(code_of("CONFLICT"), Some(409));
        assert_eq!(code_of("UNPROCESSABLE_ENTITY"), Some(422));
        assert_eq!(code_of("conflict"), None);
    }

    #[test]
    fn close_misspellings_get_a_suggestion() {
        assert_eq!(closest_name("CONFLIT"), Some("CONFLICT"));
        assert_eq!(closest_name("not_found"), Some("NOT_FOUND"));
        assert_eq!(closest_name("TOO_MANY_REQUEST"), Some("TOO_MANY_REQUESTS"));
        assert_eq!(closest_name("BANANA_SPLIT"), None);
    }

    #[test]
    fn describe_uses_the_reason_phrase() {
        assert_eq!(describe(418), "418 I'm a teapot");
        assert_eq!(describe(799), "799");
    }
}
