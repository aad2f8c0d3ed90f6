//! [`PageRequest`]: how each client's request is read and copied for the next page.

use http::{HeaderMap, Method, Uri};

/// A request a paginated call can send again at another URL: implemented per client.
pub trait PageRequest: Sized {
    /// The method and headers (for the retry policy's resend rule).
    fn head(&self) -> (&Method, &HeaderMap);

    /// The URL it is sent to, as an `http::Uri`.
    fn uri(&self) -> Option<Uri>;

    /// A copy for another attempt at the same URL (`None`: the body cannot be copied).
    fn try_copy(&self) -> Option<Self>;

    /// A copy sent to `uri` instead.
    fn copy_to(&self, uri: &Uri) -> Option<Self>;

    /// Its headers, to drop what the next page must not get.
    fn headers_mut(&mut self) -> &mut HeaderMap;
}

#[cfg(any(feature = "ureq", feature = "tower"))]
impl<B: Clone> PageRequest for http::Request<B> {
    fn head(&self) -> (&Method, &HeaderMap) {
        (self.method(), self.headers())
    }

    fn uri(&self) -> Option<Uri> {
        Some(self.uri().clone())
    }

    fn try_copy(&self) -> Option<Self> {
        crate::retry::driver::copy_request(self)
    }

    fn copy_to(&self, uri: &Uri) -> Option<Self> {
        let mut copy = self.try_copy()?;
        *copy.uri_mut() = uri.clone();
        Some(copy)
    }

    fn headers_mut(&mut self) -> &mut HeaderMap {
        self.headers_mut()
    }
}

#[cfg(feature = "reqwest")]
impl PageRequest for ::reqwest::Request {
    fn head(&self) -> (&Method, &HeaderMap) {
        (self.method(), self.headers())
    }

    fn uri(&self) -> Option<Uri> {
        self.url().as_str().parse().ok()
    }

    fn try_copy(&self) -> Option<Self> {
        self.try_clone()
    }

    fn copy_to(&self, uri: &Uri) -> Option<Self> {
        let mut copy = self.try_clone()?;
        *copy.url_mut() = ::reqwest::Url::parse(&uri.to_string()).ok()?;
        Some(copy)
    }

    fn headers_mut(&mut self) -> &mut HeaderMap {
        self.headers_mut()
    }
}

#[cfg(feature = "reqwest-blocking")]
impl PageRequest for (::reqwest::blocking::Client, ::reqwest::blocking::Request) {
    fn head(&self) -> (&Method, &HeaderMap) {
        (self.1.method(), self.1.headers())
    }

    fn uri(&self) -> Option<Uri> {
        self.1.url().as_str().parse().ok()
    }

    fn try_copy(&self) -> Option<Self> {
        Some((self.0.clone(), self.1.try_clone()?))
    }

    fn copy_to(&self, uri: &Uri) -> Option<Self> {
        let (client, mut request) = self.try_copy()?;
        *request.url_mut() = ::reqwest::Url::parse(&uri.to_string()).ok()?;
        Some((client, request))
    }

    fn headers_mut(&mut self) -> &mut HeaderMap {
        self.1.headers_mut()
    }
}
