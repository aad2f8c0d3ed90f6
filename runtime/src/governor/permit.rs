//! The permit: one decision ([`KeyState::decide`]) and two ways to wait for it, blocking and
//! async, which differ only in how they sleep and how they wait for a response.

use std::time::Duration;

use http::{HeaderMap, StatusCode};

use super::learn::{Lesson, lesson};
use super::state::{Costs, Ticket, Verdict};
use super::throttled::Throttled;
use super::{RateGovernor, RateKey};

/// A send allowed by a [`RateGovernor`]: what it holds of the key's limits is held until its
/// response is reported with [`answered`](Self::answered); dropped without one (no response
/// arrived, a cancelled future), it gives back what it held and teaches nothing.
#[must_use = "a permit holds its share of the limits until it is answered or dropped"]
pub struct Permit<'g> {
    governor: &'g RateGovernor,
    key: RateKey,
    ticket: Option<Ticket>,
}

/// What the waiting loop does next.
enum Next<'g> {
    Go(Permit<'g>),
    Sleep(Duration),
    /// Wait until the table's generation is no longer this one.
    AwaitChange(u64),
}

impl RateGovernor {
    /// One decision for a send on `key`: a permit, or how to wait for the next decision, or the
    /// error of a wait over `cap`. Announces every hold.
    fn step(&self, key: &RateKey, costs: &Costs, cap: Duration) -> Result<Next<'_>, Throttled> {
        let mut table = self.shared.lock();
        let now = self.now();
        let state = match table.keys.get_mut(key) {
            Some(state) => state,
            None => table.keys.entry(key.clone()).or_default(),
        };
        match state.decide(now, costs) {
            Verdict::Go(ticket) => Ok(Next::Go(Permit {
                governor: self,
                key: key.clone(),
                ticket: Some(ticket),
            })),
            Verdict::Sleep(wait, reason, limit) => {
                drop(table);
                if wait > cap {
                    return Err(Throttled {
                        key: key.clone(),
                        wait,
                        limit,
                    });
                }
                self.hold(key, Some(wait), reason, limit.as_deref());
                Ok(Next::Sleep(wait))
            }
            Verdict::AwaitResponse(reason, limit) => {
                let generation = table.generation;
                drop(table);
                self.hold(key, None, reason, limit.as_deref());
                Ok(Next::AwaitChange(generation))
            }
        }
    }

    /// A permit for a send on `key`, the thread blocked while it waits.
    pub(super) fn acquire_blocking(
        &self,
        key: &RateKey,
        costs: &Costs,
        cap: Duration,
    ) -> Result<Permit<'_>, Throttled> {
        loop {
            match self.step(key, costs, cap)? {
                Next::Go(permit) => return Ok(permit),
                Next::Sleep(wait) => (self.config.sleeper)(wait),
                Next::AwaitChange(generation) => {
                    let mut table = self.shared.lock();
                    table.blocked += 1;
                    while table.generation == generation {
                        table = self
                            .shared
                            .changed
                            .wait(table)
                            .unwrap_or_else(|poisoned| poisoned.into_inner());
                    }
                    table.blocked -= 1;
                }
            }
        }
    }

    /// A permit for a send on `key`, waiting with the async sleeper.
    #[cfg(feature = "__async")]
    pub(super) async fn acquire_async(
        &self,
        key: &RateKey,
        costs: &Costs,
        cap: Duration,
    ) -> Result<Permit<'_>, Throttled> {
        loop {
            match self.step(key, costs, cap)? {
                Next::Go(permit) => return Ok(permit),
                Next::Sleep(wait) => (self.config.async_sleeper)(wait).await,
                Next::AwaitChange(generation) => loop {
                    // Registered before the generation is read again: a release in between
                    // is not missed.
                    let notified = self.shared.notify.notified();
                    let mut notified = core::pin::pin!(notified);
                    notified.as_mut().enable();
                    if self.shared.lock().generation != generation {
                        break;
                    }
                    notified.await;
                },
            }
        }
    }

    fn release(&self, key: &RateKey, ticket: Ticket, lesson: Option<Lesson>) {
        let mut table = self.shared.lock();
        let now = self.now();
        if let Some(state) = table.keys.get_mut(key) {
            state.release(ticket, lesson, now);
        }
        table.generation = table.generation.wrapping_add(1);
        // Read under the lock: a permit that starts waiting after this sees the new generation.
        let blocked = table.blocked > 0;
        drop(table);
        if blocked {
            self.shared.changed.notify_all();
        }
        #[cfg(feature = "__async")]
        self.shared.notify.notify_waiters();
    }
}

impl core::fmt::Debug for Permit<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Permit").field("key", &self.key).finish()
    }
}

impl RateGovernor {
    /// Waits, blocking the thread, for a permit to send a request on `key` (see
    /// [`key_for`](Self::key_for)), for a client this crate does not integrate; the clients
    /// configured with [`CallOptions::governor`](crate::CallOptions::governor) take theirs
    /// themselves. A wait over `max_wait` is not taken: the error names the key and the wait.
    ///
    /// ```
    /// use std::time::Duration;
    /// use response_handler::RateGovernor;
    ///
    /// let governor = RateGovernor::new();
    /// let key = governor.key_for(&http::Method::GET, &"https://api.example/".parse().unwrap());
    /// let permit = governor.permit_blocking(&key, Duration::from_secs(60)).unwrap();
    /// // ... send the request, then:
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("x-ratelimit-remaining", "0".parse().unwrap());
    /// headers.insert("x-ratelimit-reset", "30".parse().unwrap());
    /// permit.answered(http::StatusCode::OK, &headers);
    /// // Nothing left for 30 s: over a cap of 1 s, the next permit is refused at once.
    /// let refused = governor.permit_blocking(&key, Duration::from_secs(1)).unwrap_err();
    /// assert!(refused.wait() > Duration::from_secs(29));
    /// ```
    pub fn permit_blocking(
        &self,
        key: &RateKey,
        max_wait: Duration,
    ) -> Result<Permit<'_>, Throttled> {
        self.acquire_blocking(key, &[], max_wait)
    }

    /// Waits with the async sleeper for a permit to send a request on `key`: the async form
    /// of [`permit_blocking`](Self::permit_blocking).
    #[cfg(feature = "__async")]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "reqwest", feature = "tower"))))]
    pub async fn permit(&self, key: &RateKey, max_wait: Duration) -> Result<Permit<'_>, Throttled> {
        self.acquire_async(key, &[], max_wait).await
    }
}

impl Permit<'_> {
    /// The key this permit was taken on.
    pub fn key(&self) -> &RateKey {
        &self.key
    }

    /// The request got a response with `status` and `headers`: the governor learns the
    /// limits they state (and, on a 429 or 503, the wait that blocks the key).
    pub fn answered(self, status: StatusCode, headers: &HeaderMap) {
        self.complete(Some(lesson(status, headers)));
    }

    /// The request ended: with a response's lesson, or `None` when no response arrived.
    pub(super) fn complete(mut self, lesson: Option<Lesson>) {
        if let Some(ticket) = self.ticket.take() {
            self.governor.release(&self.key, ticket, lesson);
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if let Some(ticket) = self.ticket.take() {
            self.governor.release(&self.key, ticket, None);
        }
    }
}
