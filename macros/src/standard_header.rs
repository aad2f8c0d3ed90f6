//! How a `#[header("name")]` field names its header in the generated code.
//!
//! A name the `http` crate has a constant for (`location`, `retry-after`, ...) is that constant,
//! `&http::header::LOCATION`, as a hand-written impl names it: a plain value, promoted to a
//! static by rustc. Any other name is a `static` built by `HeaderName::from_static`, which
//! rustc evaluates once per field at compile time; for a standard name that evaluation
//! compares the name with each of `http`'s 81 standard ones, about 0.2 ms of build time per
//! field (`scripts/compile-time.sh`, BENCHMARKS.md "Compile time"). At run time both are the
//! same `HeaderName`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::private::Private;

/// The names `http::header` has a constant for (http 0.2.9 and later: every 1.x), each named
/// by the name in upper case with `_` for `-` (`retry-after`: `RETRY_AFTER`).
const STANDARD: &[&str] = &[
    "accept",
    "accept-charset",
    "accept-encoding",
    "accept-language",
    "accept-ranges",
    "access-control-allow-credentials",
    "access-control-allow-headers",
    "access-control-allow-methods",
    "access-control-allow-origin",
    "access-control-expose-headers",
    "access-control-max-age",
    "access-control-request-headers",
    "access-control-request-method",
    "age",
    "allow",
    "alt-svc",
    "authorization",
    "cache-control",
    "cache-status",
    "cdn-cache-control",
    "connection",
    "content-disposition",
    "content-encoding",
    "content-language",
    "content-length",
    "content-location",
    "content-range",
    "content-security-policy",
    "content-security-policy-report-only",
    "content-type",
    "cookie",
    "dnt",
    "date",
    "etag",
    "expect",
    "expires",
    "forwarded",
    "from",
    "host",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "if-range",
    "if-unmodified-since",
    "last-modified",
    "link",
    "location",
    "max-forwards",
    "origin",
    "pragma",
    "proxy-authenticate",
    "proxy-authorization",
    "public-key-pins",
    "public-key-pins-report-only",
    "range",
    "referer",
    "referrer-policy",
    "refresh",
    "retry-after",
    "sec-websocket-accept",
    "sec-websocket-extensions",
    "sec-websocket-key",
    "sec-websocket-protocol",
    "sec-websocket-version",
    "server",
    "set-cookie",
    "strict-transport-security",
    "te",
    "trailer",
    "transfer-encoding",
    "user-agent",
    "upgrade",
    "upgrade-insecure-requests",
    "vary",
    "via",
    "warning",
    "www-authenticate",
    "x-content-type-options",
    "x-dns-prefetch-control",
    "x-frame-options",
    "x-xss-protection",
];

/// The name of `http`'s constant for `name` (already lowercase), if it has one.
fn constant(name: &str) -> Option<String> {
    STANDARD
        .contains(&name)
        .then(|| name.to_ascii_uppercase().replace('-', "_"))
}

/// An expression of type `&'static HeaderName` for `name` (lowercase, a valid header name).
pub fn header_name(private: &Private, name: &str) -> TokenStream {
    match constant(name) {
        Some(constant) => {
            let constant = Ident::new(&constant, Span::call_site());
            quote!(&#private::header_names::#constant)
        }
        None => quote!({
            static __NAME: #private::HeaderName = #private::HeaderName::from_static(#name);
            &__NAME
        }),
    }
}

#[cfg(test)]
mod tests {
    use http::header::{self, HeaderName};

    use super::*;

    #[test]
    fn every_standard_name_is_the_http_constant_of_that_name() {
        // `http`'s constants, by the name of each: the oracle for `STANDARD` and `constant`.
        macro_rules! http_constants {
            ($($name:ident),* $(,)?) => {
                [$((stringify!($name), header::$name)),*]
            };
        }
        let http: &[(&str, HeaderName)] = &http_constants!(
            ACCEPT,
            ACCEPT_CHARSET,
            ACCEPT_ENCODING,
            ACCEPT_LANGUAGE,
            ACCEPT_RANGES,
            ACCESS_CONTROL_ALLOW_CREDENTIALS,
            ACCESS_CONTROL_ALLOW_HEADERS,
            ACCESS_CONTROL_ALLOW_METHODS,
            ACCESS_CONTROL_ALLOW_ORIGIN,
            ACCESS_CONTROL_EXPOSE_HEADERS,
            ACCESS_CONTROL_MAX_AGE,
            ACCESS_CONTROL_REQUEST_HEADERS,
            ACCESS_CONTROL_REQUEST_METHOD,
            AGE,
            ALLOW,
            ALT_SVC,
            AUTHORIZATION,
            CACHE_CONTROL,
            CACHE_STATUS,
            CDN_CACHE_CONTROL,
            CONNECTION,
            CONTENT_DISPOSITION,
            CONTENT_ENCODING,
            CONTENT_LANGUAGE,
            CONTENT_LENGTH,
            CONTENT_LOCATION,
            CONTENT_RANGE,
            CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY_REPORT_ONLY,
            CONTENT_TYPE,
            COOKIE,
            DNT,
            DATE,
            ETAG,
            EXPECT,
            EXPIRES,
            FORWARDED,
            FROM,
            HOST,
            IF_MATCH,
            IF_MODIFIED_SINCE,
            IF_NONE_MATCH,
            IF_RANGE,
            IF_UNMODIFIED_SINCE,
            LAST_MODIFIED,
            LINK,
            LOCATION,
            MAX_FORWARDS,
            ORIGIN,
            PRAGMA,
            PROXY_AUTHENTICATE,
            PROXY_AUTHORIZATION,
            PUBLIC_KEY_PINS,
            PUBLIC_KEY_PINS_REPORT_ONLY,
            RANGE,
            REFERER,
            REFERRER_POLICY,
            REFRESH,
            RETRY_AFTER,
            SEC_WEBSOCKET_ACCEPT,
            SEC_WEBSOCKET_EXTENSIONS,
            SEC_WEBSOCKET_KEY,
            SEC_WEBSOCKET_PROTOCOL,
            SEC_WEBSOCKET_VERSION,
            SERVER,
            SET_COOKIE,
            STRICT_TRANSPORT_SECURITY,
            TE,
            TRAILER,
            TRANSFER_ENCODING,
            USER_AGENT,
            UPGRADE,
            UPGRADE_INSECURE_REQUESTS,
            VARY,
            VIA,
            WARNING,
            WWW_AUTHENTICATE,
            X_CONTENT_TYPE_OPTIONS,
            X_DNS_PREFETCH_CONTROL,
            X_FRAME_OPTIONS,
            X_XSS_PROTECTION,
        );
        assert_eq!(STANDARD.len(), http.len());
        for (name, (constant_name, value)) in STANDARD.iter().zip(http) {
            assert_eq!(*name, value.as_str());
            assert_eq!(constant(name).as_deref(), Some(*constant_name));
        }
    }

    #[test]
    fn another_name_is_a_static_built_from_it() {
        assert_eq!(constant("x-ratelimit-remaining"), None);
        let tokens = header_name(&Private::default(), "x-ratelimit-remaining").to_string();
        assert!(
            tokens.contains("from_static (\"x-ratelimit-remaining\")"),
            "{tokens}"
        );
        let tokens = header_name(&Private::default(), "retry-after").to_string();
        assert!(
            tokens.ends_with("__private :: header_names :: RETRY_AFTER"),
            "{tokens}"
        );
    }
}
