//! What the client asked: the request's method and final URI, kept with the response.

use http::{Method, Uri};

/// The request a response answers: its method and its final URI (after redirects).
///
/// Client integrations insert it into the response's [`http::Extensions`]; you can insert it by
/// hand when you build responses yourself. The runtime reads it to know that an answer to
/// `HEAD` has no body, and to resolve relative `Location` values.
///
/// ```
/// use response_handler::{BufferedResponse, RequestContext};
///
/// let mut response = http::Response::new(());
/// response.extensions_mut().insert(RequestContext::new(
///     http::Method::HEAD,
///     "https://api.example.com/users/7".parse().unwrap(),
/// ));
/// let response = BufferedResponse::from(response);
/// assert_eq!(response.request().and_then(|r| r.method.as_ref()), Some(&http::Method::HEAD));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestContext {
    /// The request method, when the integration knows it.
    pub method: Option<Method>,
    /// The final request URI (after redirects), when the integration knows it.
    pub uri: Option<Uri>,
}

impl RequestContext {
    /// A context with both method and URI.
    pub fn new(method: Method, uri: Uri) -> Self {
        Self {
            method: Some(method),
            uri: Some(uri),
        }
    }

    /// A context that knows only the URI (e.g. from a client's response type that does not
    /// record the method).
    pub fn from_uri(uri: Uri) -> Self {
        Self {
            method: None,
            uri: Some(uri),
        }
    }

    /// `true` if the request was a `HEAD`.
    pub fn is_head(&self) -> bool {
        self.method == Some(Method::HEAD)
    }
}
