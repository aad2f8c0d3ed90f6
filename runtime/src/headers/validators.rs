//! Validators (RFC 9110 §8.8): a representation's `ETag` and `Last-Modified` together, and the
//! conditional headers of the next request built from them (304 revalidation, 412 lost
//! updates).

use http::header::{ETAG, IF_MATCH, IF_MODIFIED_SINCE, IF_NONE_MATCH, IF_UNMODIFIED_SINCE};
use http::{HeaderMap, HeaderName, HeaderValue};

use super::{ETag, LastModified, ParseHeaderError, TypedHeader};
use crate::context::RequestContext;

/// The validators of a representation — its [`ETag`] and [`LastModified`] — and the
/// conditional headers of the next request built from them.
///
/// Keep them with a cached copy; send [`revalidation_headers`](Self::revalidation_headers) on
/// the next GET (a 304 means the copy is current) and
/// [`precondition_headers`](Self::precondition_headers) on an update (a 412 means someone else
/// changed it first).
///
/// As a field it needs at least one of the two headers: with neither it is
/// [`ExtractError::MissingHeader`](crate::ExtractError::MissingHeader) (naming `etag`), so
/// `Option<Validators>` is `None`. The `ETag` is read leniently, as [`ETag`] describes (an
/// unquoted tag or a lowercase `w/` is read, and echoed back verbatim); what is still malformed
/// is [`ExtractError::InvalidHeader`](crate::ExtractError::InvalidHeader) — to keep the response
/// anyway, make the field `Result<Validators, ExtractError>`.
///
/// ```
/// use response_handler::{ResponseHandler, Validators};
///
/// #[derive(Debug, ResponseHandler)]
/// enum Revalidate {
///     #[on(200)]
///     Fresh(Validators, String),
///     #[on(304)]
///     NotModified(Validators),
/// }
///
/// let response = http::Response::builder().status(304).header("etag", "W/\"v7\"").body(()).unwrap();
/// let Revalidate::NotModified(validators) = Revalidate::from_response(response).unwrap() else { panic!() };
/// let next = validators.revalidation_headers();
/// assert_eq!(next["if-none-match"], "W/\"v7\"");
/// // A weak tag cannot guard an update: `If-Match` uses strong comparison.
/// assert_eq!(validators.if_match(), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Validators {
    /// The entity tag, if the response had one.
    pub etag: Option<ETag>,
    /// The modification date, if the response had one.
    pub last_modified: Option<LastModified>,
}

impl Validators {
    /// `If-None-Match` for revalidating a cached copy: the `ETag` value byte for byte as
    /// received, weak or strong (the server compares weakly, and browsers echo the stored value
    /// unchanged: an unquoted or `w/` tag goes back as the server wrote it).
    pub fn if_none_match(&self) -> Option<HeaderValue> {
        self.etag.as_ref().map(ETag::to_header_value)
    }

    /// `If-Match` for an update that must not overwrite someone else's change: only a strong
    /// tag, since `If-Match` never matches a weak one (RFC 9110 §13.1.1); verbatim, as
    /// [`if_none_match`](Self::if_none_match).
    pub fn if_match(&self) -> Option<HeaderValue> {
        self.etag
            .as_ref()
            .filter(|etag| !etag.is_weak())
            .map(ETag::to_header_value)
    }

    /// `If-Modified-Since`: the `Last-Modified` date.
    pub fn if_modified_since(&self) -> Option<HeaderValue> {
        self.last_modified
            .as_ref()
            .and_then(LastModified::to_header_value)
    }

    /// `If-Unmodified-Since`: the `Last-Modified` date.
    pub fn if_unmodified_since(&self) -> Option<HeaderValue> {
        self.if_modified_since()
    }

    /// The headers of a conditional GET: `If-None-Match` and `If-Modified-Since` (a server
    /// that understands the first ignores the second, RFC 9110 §13.1.3).
    pub fn revalidation_headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = self.if_none_match() {
            headers.insert(IF_NONE_MATCH, value);
        }
        if let Some(value) = self.if_modified_since() {
            headers.insert(IF_MODIFIED_SINCE, value);
        }
        headers
    }

    /// The headers of a guarded update (PUT, PATCH, DELETE): `If-Match` with a strong tag, else
    /// `If-Unmodified-Since` with the date; empty when neither can guard the update.
    pub fn precondition_headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = self.if_match() {
            headers.insert(IF_MATCH, value);
        } else if let Some(value) = self.if_unmodified_since() {
            headers.insert(IF_UNMODIFIED_SINCE, value);
        }
        headers
    }
}

impl TypedHeader for Validators {
    /// `ETag`: the header named when neither validator is present.
    fn name() -> &'static HeaderName {
        &ETAG
    }

    /// `ETag` and `Last-Modified`; absent only when both are.
    #[inline]
    fn decode(
        headers: &HeaderMap,
        request: Option<&RequestContext>,
    ) -> Result<Option<Self>, ParseHeaderError> {
        let validators = Validators {
            etag: ETag::decode(headers, request)?,
            last_modified: LastModified::decode(headers, request)?,
        };
        Ok(Some(validators).filter(|found| found.etag.is_some() || found.last_modified.is_some()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::headers::test_support::with_headers;

    #[test]
    fn conditional_headers() {
        let both = with_headers(&[
            ("etag", "\"v7\""),
            ("last-modified", "Tue, 15 Nov 1994 12:45:26 GMT"),
        ])
        .extract::<Validators>()
        .unwrap();
        let get = both.revalidation_headers();
        assert_eq!(get[IF_NONE_MATCH], "\"v7\"");
        assert_eq!(get[IF_MODIFIED_SINCE], "Tue, 15 Nov 1994 12:45:26 GMT");
        let put = both.precondition_headers();
        assert_eq!(put[IF_MATCH], "\"v7\"");
        assert_eq!(put.len(), 1);

        let weak = with_headers(&[
            ("etag", "W/\"v7\""),
            ("last-modified", "Tue, 15 Nov 1994 12:45:26 GMT"),
        ])
        .extract::<Validators>()
        .unwrap();
        assert_eq!(weak.if_match(), None);
        let put = weak.precondition_headers();
        assert_eq!(put[IF_UNMODIFIED_SINCE], "Tue, 15 Nov 1994 12:45:26 GMT");
        assert!(!put.contains_key(IF_MATCH));

        assert!(Validators::default().revalidation_headers().is_empty());
        assert!(Validators::default().precondition_headers().is_empty());
    }

    #[test]
    fn absent_and_malformed_validators() {
        let none = with_headers(&[]).extract::<Validators>().unwrap_err();
        assert_eq!(none.to_string(), "header `etag` is missing");
        assert_eq!(
            with_headers(&[]).extract::<Option<Validators>>().unwrap(),
            None
        );
        let only_date = with_headers(&[("last-modified", "Tue, 15 Nov 1994 12:45:26 GMT")])
            .extract::<Validators>()
            .unwrap();
        assert_eq!(only_date.etag, None);
        let lenient = with_headers(&[("etag", "w/v7")])
            .extract::<Validators>()
            .unwrap();
        assert_eq!(lenient.revalidation_headers()[IF_NONE_MATCH], "w/v7");
        assert_eq!(lenient.if_match(), None);
        let unquoted = with_headers(&[("etag", "v7")])
            .extract::<Validators>()
            .unwrap();
        assert_eq!(unquoted.precondition_headers()[IF_MATCH], "v7");
        let bad = with_headers(&[("etag", "\"v7\", \"v8\"")])
            .extract::<Option<Validators>>()
            .unwrap_err();
        assert!(
            bad.to_string()
                .starts_with("header `etag` has an invalid value")
        );
        let bad_date = with_headers(&[("etag", "\"v7\""), ("last-modified", "never")])
            .extract::<Validators>()
            .unwrap_err();
        assert!(bad_date.to_string().starts_with("header `last-modified`"));
    }
}
