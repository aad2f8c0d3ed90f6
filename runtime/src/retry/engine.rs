//! The decision, written once: after an attempt, send again (and when) or give up. Every client
//! integration is a loop over [`RetryRun`].

use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method, StatusCode};

use super::decision::{Decision, GiveUpReason};
use super::event::{Attempted, GiveUpEvent, RetryEvent};
use super::hint::{RetryHint, Retryable};
use super::policy::RetryPolicy;

/// The bookkeeping of one call under a [`RetryPolicy`]: the attempts made and the time used.
/// Created by [`RetryPolicy::start`]; a client loop calls [`after_outcome`](Self::after_outcome)
/// or [`after_transport`](Self::after_transport) once per attempt and waits as told.
///
/// ```
/// use std::time::Duration;
/// use response_handler::retry::{Decision, RetryHint, RetryPolicy, Retryable};
/// use response_handler::StatusCode;
///
/// struct Busy;
/// impl Retryable for Busy {
///     fn retry_hint(&self) -> RetryHint { RetryHint::Retry(None) }
///     fn outcome_name(&self) -> &'static str { "Busy" }
/// }
///
/// let policy = RetryPolicy::default().jitter(|ceiling| ceiling);
/// let mut run = policy.start(&http::Method::GET, &http::HeaderMap::new());
/// assert_eq!(run.after_outcome(StatusCode::SERVICE_UNAVAILABLE, &Busy), Decision::Retry(Duration::from_millis(100)));
/// assert_eq!(run.after_outcome(StatusCode::SERVICE_UNAVAILABLE, &Busy), Decision::Retry(Duration::from_millis(200)));
/// // The third attempt was the last one.
/// assert!(matches!(run.after_outcome(StatusCode::SERVICE_UNAVAILABLE, &Busy), Decision::GiveUp(_)));
/// ```
#[derive(Debug)]
pub struct RetryRun<'p> {
    policy: &'p RetryPolicy,
    /// The method rule ([`RetryPolicy::may_resend`]).
    method_resendable: bool,
    /// Whether the driver can copy the request (false after [`once`](Self::once)).
    body_copyable: bool,
    attempts: u32,
    started: SystemTime,
    waited: Duration,
}

impl RetryPolicy {
    /// Starts the bookkeeping of one call: the attempts made, the time used.
    pub fn start(&self, method: &Method, headers: &HeaderMap) -> RetryRun<'_> {
        RetryRun::new(self, self.may_resend(method, headers))
    }
}

impl<'p> RetryRun<'p> {
    pub(crate) fn new(policy: &'p RetryPolicy, method_resendable: bool) -> Self {
        RetryRun {
            policy,
            method_resendable,
            body_copyable: true,
            attempts: 0,
            started: policy.now(),
            waited: Duration::ZERO,
        }
    }

    /// The same run for a request whose body cannot be copied: it is sent once.
    #[cfg_attr(not(feature = "__client"), allow(dead_code))]
    pub(crate) fn once(mut self) -> Self {
        self.body_copyable = false;
        self
    }

    /// The attempts made so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The time the waits chosen so far add up to.
    pub fn waited(&self) -> Duration {
        self.waited
    }

    /// After an attempt that got a response and became `outcome`.
    pub fn after_outcome<T: Retryable + ?Sized>(
        &mut self,
        status: StatusCode,
        outcome: &T,
    ) -> Decision {
        let attempted = Attempted::Status(status, outcome.outcome_name());
        self.decide(attempted, Some(outcome.retry_hint()))
    }

    /// After an attempt that got no response.
    pub fn after_transport(&mut self, error: &(dyn std::error::Error + 'static)) -> Decision {
        self.decide(Attempted::Transport(error), None)
    }

    /// After a response that only its head tells about (a middleware that cannot see the
    /// typed outcome): `hint` is what the head says.
    pub fn after_head(
        &mut self,
        status: StatusCode,
        name: &'static str,
        hint: RetryHint,
    ) -> Decision {
        self.decide(Attempted::Status(status, name), Some(hint))
    }

    /// `hint` is `None` for a transport failure.
    fn decide(&mut self, attempted: Attempted<'_>, hint: Option<RetryHint>) -> Decision {
        self.attempts = self.attempts.saturating_add(1);
        let now = self.policy.now();
        let decision = self.choose(hint, now);
        match decision {
            Decision::Retry(delay) => {
                self.waited = self.waited.saturating_add(delay);
                let event = RetryEvent {
                    attempt: self.attempts,
                    attempted,
                    delay,
                };
                super::trace::retrying(&event);
                if let Some(hook) = &self.policy.hook {
                    hook(&event);
                }
            }
            Decision::GiveUp(reason) => {
                super::trace::gave_up(self.attempts, &attempted, reason);
                if reason != GiveUpReason::Final
                    && let Some(hook) = &self.policy.give_up_hook
                {
                    hook(&GiveUpEvent {
                        attempt: self.attempts,
                        attempted,
                        reason,
                    });
                }
            }
        }
        decision
    }

    fn choose(&self, hint: Option<RetryHint>, now: SystemTime) -> Decision {
        let policy = self.policy;
        let server_wait = match hint {
            Some(RetryHint::Final) => return Decision::GiveUp(GiveUpReason::Final),
            Some(RetryHint::Retry(wait)) => wait,
            None if !policy.retry_transport => {
                return Decision::GiveUp(GiveUpReason::TransportNotRetried);
            }
            None => None,
        };
        // The method rule first: a POST with a streamed body would not be resent even if its
        // body could be copied.
        if !self.method_resendable {
            return Decision::GiveUp(GiveUpReason::MethodNotIdempotent);
        }
        if !self.body_copyable {
            return Decision::GiveUp(GiveUpReason::BodyNotCloneable);
        }
        if self.attempts >= policy.max_attempts {
            return Decision::GiveUp(GiveUpReason::Attempts);
        }
        let delay = match server_wait {
            Some(wait) => {
                let delay = wait.delay_from(now);
                if delay > policy.max_server_wait {
                    return Decision::GiveUp(GiveUpReason::ServerWaitTooLong(delay));
                }
                delay
            }
            None => policy.backoff_delay(self.attempts - 1),
        };
        if let Some(budget) = policy.budget {
            // A sleeper that does not advance the clock (a test's) still uses up the budget.
            let elapsed = now
                .duration_since(self.started)
                .unwrap_or(Duration::ZERO)
                .max(self.waited);
            if elapsed.saturating_add(delay) > budget {
                return Decision::GiveUp(GiveUpReason::Budget(delay));
            }
        }
        Decision::Retry(delay)
    }
}
