//! `Json<T>`: the body decoded with serde_json.

use serde::de::DeserializeOwned;

use crate::error::ExtractError;
use crate::extract::Extract;
use crate::response::BufferedResponse;

/// The body, decoded as JSON into `T` (feature `json`, on by default).
///
/// It decodes straight from the buffered bytes, without copying them first. An empty body is
/// [`ExtractError::EmptyBody`] (so `Option<Json<T>>` is `None` for it); a body that is not
/// valid JSON for `T` is [`ExtractError::Json`], whose message carries serde_json's line and
/// column. The `Content-Type` is not checked: servers get it wrong too often for that to help.
///
/// ```
/// use response_handler::{Json, ResponseHandler};
///
/// #[derive(Debug, serde::Deserialize)]
/// struct User { id: u64 }
///
/// #[derive(Debug, ResponseHandler)]
/// enum GetUser {
///     #[on(200)]
///     Found(Json<User>),
///     #[on(404)]
///     Missing,
/// }
///
/// let ok = http::Response::builder().status(200).body(r#"{"id":7}"#).unwrap();
/// let GetUser::Found(Json(user)) = GetUser::from_response(ok).unwrap() else { panic!() };
/// assert_eq!(user.id, 7);
///
/// let garbled = http::Response::builder().status(200).body("{\"id\":").unwrap();
/// let error = GetUser::from_response(garbled).unwrap_err();
/// assert!(error.to_string().contains("line 1 column 6"), "{error}");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The decoded value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> core::ops::Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> Extract for Json<T> {
    const READS_BODY: bool = true;

    fn extract(response: &BufferedResponse) -> Result<Self, ExtractError> {
        let body = response.body();
        if body.is_empty() {
            return Err(ExtractError::EmptyBody);
        }
        serde_json::from_slice(body)
            .map(Json)
            .map_err(ExtractError::Json)
    }
}
