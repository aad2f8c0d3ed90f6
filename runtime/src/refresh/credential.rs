//! The credential every clone of a `CredentialRefresh` shares, numbered by generation: a
//! request remembers the generation it was sent with, so that a 401 to an older credential is
//! answered with the current one instead of another refresh.

use std::sync::{Mutex, MutexGuard, PoisonError};

use http::HeaderValue;

/// The current credential and its generation (0: none yet, the request's own header).
#[derive(Default)]
pub(super) struct Credential {
    current: Mutex<Current>,
}

#[derive(Default)]
struct Current {
    generation: u64,
    value: Option<HeaderValue>,
}

impl Credential {
    /// The current credential as it stands, even if a refresher panicked while holding it (it
    /// is only written whole, under the lock).
    fn lock(&self) -> MutexGuard<'_, Current> {
        self.current.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn generation(&self) -> u64 {
        self.lock().generation
    }

    /// What a request is sent with: the generation, and the credential if there is one.
    pub(super) fn current(&self) -> (u64, Option<HeaderValue>) {
        let current = self.lock();
        (current.generation, current.value.clone())
    }

    /// The credential, if it is newer than generation `sent`.
    pub(super) fn newer_than(&self, sent: u64) -> Option<HeaderValue> {
        let current = self.lock();
        if current.generation > sent {
            current.value.clone()
        } else {
            None
        }
    }

    /// A new credential: the next generation. Marked sensitive, so that no `Debug` of a
    /// request or an error prints it.
    pub(super) fn seed(&self, mut value: HeaderValue) -> HeaderValue {
        value.set_sensitive(true);
        let mut current = self.lock();
        current.generation += 1;
        current.value = Some(value.clone());
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generations_count_credentials_and_only_newer_ones_are_handed_out() {
        let credential = Credential::default();
        assert_eq!(credential.current(), (0, None));
        assert_eq!(credential.newer_than(0), None);
        let first = credential.seed(HeaderValue::from_static("Bearer one"));
        assert!(first.is_sensitive());
        assert_eq!(credential.current(), (1, Some(first.clone())));
        assert_eq!(credential.newer_than(0), Some(first));
        assert_eq!(credential.newer_than(1), None);
    }
}
