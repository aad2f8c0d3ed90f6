//! Credential refresh: on a 401 that says the credential is no longer good, get a new one
//! and send the request again, once — shared by every call that holds the same
//! [`CredentialRefresh`].
//!
//! ```no_run
//! # #[cfg(feature = "ureq")] {
//! use response_handler::refresh::CredentialRefresh;
//! use response_handler::ureq::AgentExt;
//! use response_handler::{CallOptions, HeaderValue, ResponseHandler, StatusCode};
//!
//! #[derive(Debug, ResponseHandler)]
//! enum Report {
//!     #[on_success]
//!     Ok(String),
//!     #[on(401)]
//!     Unauthorized,
//!     #[on_failure]
//!     Failed(StatusCode),
//! }
//!
//! fn fetch_token() -> Result<HeaderValue, std::io::Error> {
//!     // Ask the token endpoint; here, a constant.
//!     Ok(HeaderValue::from_static("Bearer fresh"))
//! }
//!
//! // Cheap to clone: every clone shares the credential and the single flight.
//! let auth = CredentialRefresh::blocking(fetch_token);
//! let options = CallOptions::new().refresh(auth.clone());
//! let agent = ureq::Agent::new_with_defaults();
//! let request = http::Request::get("http://127.0.0.1:8080/report")
//!     .header("authorization", "Bearer stale")
//!     .body(())?;
//! let report = agent.handle_request_using::<Report>(request, &options)?;
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! What happens around one attempt (a retry's attempt too):
//!
//! 1. The request is sent with the latest credential the refresh knows (in
//!    [`header`](CredentialRefresh::header), `Authorization` by default), or as built when
//!    it knows none yet.
//! 2. A response that is not the [trigger](RefreshOn) is the attempt's result.
//! 3. On the trigger (by default a 401 whose `WWW-Authenticate` says
//!    `error="invalid_token"`, RFC 6750 §3.1): if another call has refreshed since this
//!    request's credential was current, the request is sent again with the newer one, without
//!    refreshing ([`RefreshEvent::Reused`]); otherwise one call runs the refresher while the
//!    others that hit the trigger wait for it (single flight), and all send again with its
//!    credential. The second response is the attempt's result, whatever it is.
//! 4. A refresher that fails ends the call with an [`Error`](crate::Error) of kind
//!    [`ErrorKind::Refresh`](crate::ErrorKind::Refresh), which keeps the 401 and has the
//!    refresher's error as its source. A failure is not shared: a call that was waiting runs
//!    the refresher itself.
//! 5. A request whose body cannot be copied (a stream) cannot be sent again: the 401 is the
//!    attempt's result, and the hook hears [`RefreshEvent::NotResent`].
//!
//! The refresher must not send its own request through the same `CredentialRefresh`: it runs
//! while holding the single flight, which a 401 to that request would wait for forever.
//!
//! A blocking client takes a [`CredentialRefresh::blocking`] refresher, an async client a
//! [`CredentialRefresh::new_async`] one; the other kind is a compile error
//! ([`BlockingRefresh`], [`AsyncRefresh`]).

#[cfg(feature = "__client")]
mod attempt;
#[cfg(feature = "__client")]
mod credential;
#[cfg(feature = "__client")]
mod mode;
#[cfg(feature = "__client")]
mod trigger;

#[cfg(feature = "__client")]
use core::fmt;
#[cfg(feature = "__async")]
use core::future::Future;
#[cfg(feature = "__async")]
use core::pin::Pin;
#[cfg(feature = "__client")]
use std::sync::Arc;

#[cfg(feature = "__client")]
use http::{HeaderName, HeaderValue};

#[cfg(feature = "__client")]
use crate::error::BoxError;
#[cfg(feature = "__client")]
use credential::Credential;
#[cfg(feature = "__async")]
pub use mode::AsyncRefresh;
#[cfg(feature = "__blocking")]
pub use mode::BlockingRefresh;

/// The refresh mode of a call that never refreshes a credential: [`CallOptions`]' default.
///
/// [`CallOptions`]: crate::CallOptions
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoRefresh;

/// Which responses ask for a new credential.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RefreshOn {
    /// A 401 with a `WWW-Authenticate` challenge whose `error` parameter is `invalid_token`
    /// (RFC 6750 §3.1: "The access token provided is expired, revoked, malformed, or invalid
    /// for other reasons"): the default. A 401 for another reason (`insufficient_scope`, no
    /// challenge at all) is the outcome, as the server sent it.
    #[default]
    InvalidToken,
    /// Every 401, whatever its challenge: for servers that send no `error` parameter.
    Unauthorized,
}

/// What the refresh did for one attempt, as its hook hears it
/// ([`CredentialRefresh::on_event`]) and, with the feature `tracing`, as an event of target
/// `response_handler::refresh`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RefreshEvent {
    /// This call ran the refresher, and it gave a new credential; the request is sent again
    /// with it.
    Refreshed,
    /// Another call had already refreshed since this request's credential was current: the
    /// request is sent again with the newer credential, and the refresher is not run.
    Reused,
    /// The refresher failed: the call ends with [`ErrorKind::Refresh`](crate::ErrorKind::Refresh).
    Failed,
    /// The request's body cannot be copied (a stream), so it cannot be sent again: the 401 is
    /// the attempt's result. Nothing was refreshed.
    NotResent,
}

/// The blocking kind of [`CredentialRefresh`]: a refresher that blocks the calling thread,
/// for the blocking clients (ureq, reqwest's blocking client).
#[cfg(feature = "__blocking")]
pub struct Blocking {
    refresher: Box<dyn Fn() -> Result<HeaderValue, BoxError> + Send + Sync>,
    /// Held by the call that runs the refresher; the others wait on it.
    flight: std::sync::Mutex<()>,
}

/// The future an async refresher gives, boxed.
#[cfg(feature = "__async")]
type Refreshing = Pin<Box<dyn Future<Output = Result<HeaderValue, BoxError>> + Send>>;

/// The async kind of [`CredentialRefresh`]: a refresher that is awaited, for the async clients
/// (reqwest, tower, reqwest-middleware).
#[cfg(feature = "__async")]
pub struct Async {
    refresher: Box<dyn Fn() -> Refreshing + Send + Sync>,
    /// Held by the call that runs the refresher; the others await it. tokio's mutex is
    /// runtime-agnostic (it needs no tokio runtime) and fair; if the refreshing call is
    /// dropped mid-refresh, the next waiter takes over.
    flight: tokio::sync::Mutex<()>,
}

/// A credential that is refreshed on a 401, for every call that holds it:
/// [`CallOptions::refresh`](crate::CallOptions::refresh).
///
/// `K` is [`Blocking`] ([`CredentialRefresh::blocking`]) or [`Async`]
/// ([`CredentialRefresh::new_async`]). Cloning is cheap (an `Arc`): the clones share the
/// current credential and the single flight, so eight calls that hit a 401 together run the
/// refresher once. The settings ([`on`](Self::on), [`header`](Self::header),
/// [`on_event`](Self::on_event)) belong to each clone.
///
/// The credential is sent as a sensitive header value: `Debug` and the crate's errors never
/// print it.
#[cfg(feature = "__client")]
pub struct CredentialRefresh<K> {
    shared: Arc<Shared<K>>,
    trigger: RefreshOn,
    header: HeaderName,
    hook: Option<Arc<dyn Fn(RefreshEvent) + Send + Sync>>,
}

/// What every clone shares: the credential and the refresher.
#[cfg(feature = "__client")]
struct Shared<K> {
    credential: Credential,
    kind: K,
}

#[cfg(feature = "__blocking")]
impl CredentialRefresh<Blocking> {
    /// A refresh whose `refresher` blocks until it has a new credential: the whole header
    /// value (`Bearer <token>`, say). For the blocking clients.
    ///
    /// ```
    /// use response_handler::HeaderValue;
    /// use response_handler::refresh::CredentialRefresh;
    ///
    /// let auth = CredentialRefresh::blocking(|| {
    ///     let token = "abc"; // from the token endpoint
    ///     HeaderValue::try_from(format!("Bearer {token}"))
    /// });
    /// assert_eq!(auth.generation(), 0);
    /// ```
    pub fn blocking<F, E>(refresher: F) -> Self
    where
        F: Fn() -> Result<HeaderValue, E> + Send + Sync + 'static,
        E: Into<BoxError>,
    {
        CredentialRefresh::with_kind(Blocking {
            refresher: Box::new(move || refresher().map_err(Into::into)),
            flight: std::sync::Mutex::new(()),
        })
    }
}

#[cfg(feature = "__async")]
impl CredentialRefresh<Async> {
    /// A refresh whose `refresher` is an async function giving a new credential: the whole
    /// header value (`Bearer <token>`, say). For the async clients.
    ///
    /// ```
    /// use response_handler::HeaderValue;
    /// use response_handler::refresh::CredentialRefresh;
    ///
    /// let auth = CredentialRefresh::new_async(|| async {
    ///     let token = "abc"; // from the token endpoint, awaited
    ///     HeaderValue::try_from(format!("Bearer {token}"))
    /// });
    /// assert_eq!(auth.generation(), 0);
    /// ```
    pub fn new_async<F, Fut, E>(refresher: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<HeaderValue, E>> + Send + 'static,
        E: Into<BoxError>,
    {
        CredentialRefresh::with_kind(Async {
            refresher: Box::new(move || {
                let refreshing = refresher();
                Box::pin(async move { refreshing.await.map_err(Into::into) })
            }),
            flight: tokio::sync::Mutex::new(()),
        })
    }
}

#[cfg(feature = "__client")]
impl<K> CredentialRefresh<K> {
    fn with_kind(kind: K) -> Self {
        CredentialRefresh {
            shared: Arc::new(Shared {
                credential: Credential::default(),
                kind,
            }),
            trigger: RefreshOn::default(),
            header: http::header::AUTHORIZATION,
            hook: None,
        }
    }

    /// Which responses ask for a new credential: [`RefreshOn::InvalidToken`] unless told.
    #[must_use]
    pub fn on(mut self, trigger: RefreshOn) -> Self {
        self.trigger = trigger;
        self
    }

    /// The header that carries the credential: `Authorization` unless told
    /// (`Proxy-Authorization`, `X-Api-Key`, ...). Once the refresh knows a credential, every
    /// request sent through it carries it there, replacing what the request was built with.
    #[must_use]
    pub fn header(mut self, name: HeaderName) -> Self {
        self.header = name;
        self
    }

    /// Starts from a credential already known (one read from a cache, say): requests carry
    /// it from the first, and a 401 to it is refreshed. Shared by every clone.
    #[must_use]
    pub fn credential(self, value: HeaderValue) -> Self {
        self.shared.credential.seed(value);
        self
    }

    /// Calls `hook` with what the refresh did for an attempt ([`RefreshEvent`]): refreshed,
    /// reused another call's credential, failed, or could not send the request again.
    #[must_use]
    pub fn on_event(mut self, hook: impl Fn(RefreshEvent) + Send + Sync + 'static) -> Self {
        self.hook = Some(Arc::new(hook));
        self
    }

    /// How many credentials the refresh has had: 0 before the first refresh (or
    /// [`credential`](Self::credential)), one more after each successful refresh.
    pub fn generation(&self) -> u64 {
        self.shared.credential.generation()
    }

    /// Tells the hook, and `tracing` (feature `tracing`: the event, the header's name and the
    /// generation; never the credential).
    fn emit(&self, event: RefreshEvent) {
        #[cfg(feature = "tracing")]
        tracing::info!(
            target: "response_handler::refresh",
            ?event,
            header = %self.header,
            generation = self.generation(),
            "credential refresh"
        );
        if let Some(hook) = &self.hook {
            hook(event);
        }
    }
}

#[cfg(feature = "__client")]
impl<K> Clone for CredentialRefresh<K> {
    fn clone(&self) -> Self {
        CredentialRefresh {
            shared: Arc::clone(&self.shared),
            trigger: self.trigger,
            header: self.header.clone(),
            hook: self.hook.clone(),
        }
    }
}

#[cfg(feature = "__client")]
impl<K> fmt::Debug for CredentialRefresh<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the credential.
        f.debug_struct("CredentialRefresh")
            .field("kind", &core::any::type_name::<K>())
            .field("on", &self.trigger)
            .field("header", &self.header)
            .field("generation", &self.generation())
            .finish_non_exhaustive()
    }
}
