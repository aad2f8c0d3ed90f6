//! The state of one key and the one decision every permit takes on it, blocking or async: a
//! pure function of the state, the clock's reading and the request's costs, so that the rules
//! are tested here without a clock, a sleeper or a server.

use std::borrow::Cow;
use std::time::{Duration, SystemTime};

use super::learn::{Learned, Lesson};

/// Why a send is held back: what the [`on_hold`](super::RateGovernor::on_hold) hook and the
/// `tracing` event say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HoldReason {
    /// A 429 or 503 asked the whole key to wait (`Retry-After`, or its rate-limit reset).
    Blocked,
    /// A limit has nothing left: the send waits for its reset.
    Exhausted,
    /// What is left of a limit is spread over what is left of its window: the send waits for
    /// its slot.
    Spreading,
    /// Nothing is known of the key yet (or a limit reset and its next window is unknown): one
    /// request is in flight, and its response teaches the limits.
    FirstResponse,
    /// What is left of a limit is reserved by requests in flight: the send waits for one of
    /// their responses.
    InFlight,
}

/// What a call states a request costs, by limit name: `("tokens", 500)`.
pub(super) type Costs = [(Cow<'static, str>, u64)];

/// What a request costs against a limit: what the call stated for the limit's name; otherwise
/// one request against a limit counted in requests, nothing against one counted in tokens
/// (a name with `token` in it: OpenAI's `tokens`, Anthropic's `input-tokens`, ...).
pub(super) fn cost_of(costs: &Costs, name: Option<&str>) -> u64 {
    if let Some(name) = name {
        if let Some((_, amount)) = costs.iter().find(|(unit, _)| unit == name) {
            return *amount;
        }
        if name.contains("token") {
            return 0;
        }
    }
    1
}

/// One limit of a key, as last learned (or declared), with what requests in flight hold of it.
#[derive(Debug, Clone)]
pub(super) struct LimitState {
    pub(super) name: Option<Box<str>>,
    pub(super) quota: Option<u64>,
    pub(super) remaining: Option<u64>,
    pub(super) reset_at: Option<SystemTime>,
    pub(super) window: Option<Duration>,
    /// Held by requests in flight: what the next response will have counted.
    pub(super) reserved: u64,
    /// Declared by the program ([`quota`](super::RateGovernor::quota)): counted here, never
    /// overwritten by a response.
    pub(super) declared: bool,
}

impl LimitState {
    pub(super) fn declared(quota: u64, window: Duration) -> Self {
        LimitState {
            name: None,
            quota: Some(quota),
            remaining: Some(quota),
            reset_at: None,
            window: Some(window),
            reserved: 0,
            declared: true,
        }
    }

    /// Brings the limit to `now`: past its reset, a limit whose window is known starts its next
    /// window full; `false` for one whose next window is unknown (a fixed window such as
    /// GitHub's states no length), which needs a response to learn it again.
    fn roll(&mut self, now: SystemTime) -> bool {
        let reset_at = match self.reset_at {
            Some(at) if at <= now => at,
            Some(_) => return true,
            None if self.declared => {
                self.reset_at = self.window.and_then(|window| now.checked_add(window));
                return true;
            }
            None => return true,
        };
        let (Some(window), Some(quota)) = (self.window, self.quota) else {
            return false;
        };
        if window.is_zero() {
            return false;
        }
        let behind = now.duration_since(reset_at).unwrap_or_default();
        let windows = behind.as_nanos() / window.as_nanos() + 1;
        let advance = u32::try_from(windows)
            .ok()
            .and_then(|n| window.checked_mul(n));
        self.reset_at = advance.and_then(|advance| reset_at.checked_add(advance));
        self.remaining = Some(quota);
        true
    }
}

/// What one key knows, and what is in flight against it.
#[derive(Debug, Clone, Default)]
pub(super) struct KeyState {
    /// A response arrived, or a quota was declared.
    pub(super) known: bool,
    pub(super) limits: Vec<LimitState>,
    pub(super) in_flight: u32,
    /// Until when a 429 or 503 blocks the key.
    pub(super) blocked_until: Option<SystemTime>,
    /// The earliest moment of the next send, and the limit that set it.
    pub(super) next_slot: Option<(SystemTime, Option<Box<str>>)>,
    /// Permits granted: each one's number orders the responses.
    granted: u64,
    /// The number of the newest permit whose response was learned from: an older response
    /// arriving later says less than the one already read.
    applied: u64,
}

/// A send allowed: its number, and what it holds of each limit.
#[derive(Debug)]
pub(super) struct Ticket {
    seq: u64,
    held: Vec<(Option<Box<str>>, u64)>,
}

/// The decision for one send.
#[derive(Debug)]
pub(super) enum Verdict {
    /// Send now.
    Go(Ticket),
    /// Decide again after this delay.
    Sleep(Duration, HoldReason, Option<Box<str>>),
    /// Decide again when a response arrives (or a request in flight ends without one).
    AwaitResponse(HoldReason, Option<Box<str>>),
}

impl KeyState {
    /// The decision for a send of `costs` at `now`.
    pub(super) fn decide(&mut self, now: SystemTime, costs: &Costs) -> Verdict {
        if let Some(until) = self.blocked_until {
            match until.duration_since(now) {
                Ok(delay) if !delay.is_zero() => {
                    return Verdict::Sleep(delay, HoldReason::Blocked, None);
                }
                _ => self.blocked_until = None,
            }
        }
        let mut probe = !self.known;
        for limit in &mut self.limits {
            probe |= !limit.roll(now);
        }
        if probe {
            if self.in_flight > 0 {
                return Verdict::AwaitResponse(HoldReason::FirstResponse, None);
            }
            return Verdict::Go(self.grant(costs, now, None));
        }
        let mut gap = (Duration::ZERO, None);
        let mut exhausted: Option<(Duration, Option<Box<str>>)> = None;
        let mut awaiting = None;
        for limit in &self.limits {
            let cost = cost_of(costs, limit.name.as_deref());
            let Some(remaining) = limit.remaining.filter(|_| cost > 0) else {
                continue;
            };
            let available = remaining.saturating_sub(limit.reserved);
            let left = limit
                .reset_at
                .map(|at| at.duration_since(now).unwrap_or_default());
            if available < cost {
                if limit.reserved > 0 {
                    awaiting = Some(limit.name.clone());
                } else if let Some(left) = left
                    && exhausted.as_ref().is_none_or(|(wait, _)| left > *wait)
                {
                    exhausted = Some((left, limit.name.clone()));
                }
                continue;
            }
            if let Some(left) = left {
                let sends = u128::from(available / cost);
                let interval = left.as_nanos() / sends;
                let interval = Duration::from_nanos(u64::try_from(interval).unwrap_or(u64::MAX));
                if interval > gap.0 {
                    gap = (interval, limit.name.clone());
                }
            }
        }
        if let Some((delay, name)) = exhausted {
            return Verdict::Sleep(delay, HoldReason::Exhausted, name);
        }
        if let Some(name) = awaiting {
            return Verdict::AwaitResponse(HoldReason::InFlight, name);
        }
        if let Some((slot, name)) = &self.next_slot
            && let Ok(delay) = slot.duration_since(now)
            && !delay.is_zero()
        {
            return Verdict::Sleep(delay, HoldReason::Spreading, name.clone());
        }
        Verdict::Go(self.grant(costs, now, Some(gap)))
    }

    /// Takes a permit: a number, the costs held against each limit (counted off a declared
    /// one), and the next slot `gap` after now.
    fn grant(
        &mut self,
        costs: &Costs,
        now: SystemTime,
        gap: Option<(Duration, Option<Box<str>>)>,
    ) -> Ticket {
        self.granted += 1;
        self.in_flight += 1;
        self.next_slot = gap
            .filter(|(gap, _)| !gap.is_zero())
            .and_then(|(gap, name)| Some((now.checked_add(gap)?, name)));
        let mut held = Vec::new();
        for limit in &mut self.limits {
            let cost = cost_of(costs, limit.name.as_deref());
            if cost == 0 {
                continue;
            }
            if limit.declared {
                limit.remaining = limit.remaining.map(|left| left.saturating_sub(cost));
            } else {
                limit.reserved = limit.reserved.saturating_add(cost);
                held.push((limit.name.clone(), cost));
            }
        }
        Ticket {
            seq: self.granted,
            held,
        }
    }

    /// A permit's request ended, with what its response taught (`None`: no response).
    pub(super) fn release(&mut self, ticket: Ticket, lesson: Option<Lesson>, now: SystemTime) {
        self.in_flight = self.in_flight.saturating_sub(1);
        for (name, cost) in ticket.held {
            if let Some(limit) = self
                .limits
                .iter_mut()
                .find(|l| !l.declared && l.name == name)
            {
                limit.reserved = limit.reserved.saturating_sub(cost);
            }
        }
        let Some(lesson) = lesson else { return };
        self.known = true;
        if let Some(until) = lesson.block.and_then(|wait| wait.at(now)) {
            self.blocked_until = Some(self.blocked_until.map_or(until, |b| b.max(until)));
        }
        if ticket.seq <= self.applied {
            return;
        }
        self.applied = ticket.seq;
        for learned in lesson.limits {
            self.learn(learned, now);
        }
    }

    fn learn(&mut self, learned: Learned, now: SystemTime) {
        let reset_at = learned.reset.and_then(|reset| reset.at(now));
        let name = learned.name;
        match self
            .limits
            .iter_mut()
            .find(|l| !l.declared && l.name == name)
        {
            Some(limit) => {
                limit.quota = learned.quota.or(limit.quota);
                limit.remaining = learned.remaining;
                limit.reset_at = reset_at;
                limit.window = learned.window.or(limit.window);
            }
            None => self.limits.push(LimitState {
                name,
                quota: learned.quota,
                remaining: learned.remaining,
                reset_at,
                window: learned.window,
                reserved: 0,
                declared: false,
            }),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::headers::Wait;
    use std::time::UNIX_EPOCH;

    const NO_COST: &Costs = &[];

    fn at(ms: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_700_000_000) + Duration::from_millis(ms)
    }

    fn limit(name: &str, quota: u64, remaining: u64, reset_ms: u64) -> Learned {
        Learned {
            name: Some(name.into()),
            quota: Some(quota),
            remaining: Some(remaining),
            reset: Some(Wait::At(at(reset_ms))),
            window: None,
        }
    }

    fn lesson(limits: Vec<Learned>) -> Option<Lesson> {
        Some(Lesson {
            limits,
            block: None,
        })
    }

    fn go(state: &mut KeyState, now: SystemTime, costs: &Costs) -> Ticket {
        match state.decide(now, costs) {
            Verdict::Go(ticket) => ticket,
            other => panic!("expected a permit, got {other:?}"),
        }
    }

    #[test]
    fn an_unknown_key_lets_one_request_through_until_its_response_arrives() {
        let mut state = KeyState::default();
        let first = go(&mut state, at(0), NO_COST);
        assert!(matches!(
            state.decide(at(0), NO_COST),
            Verdict::AwaitResponse(HoldReason::FirstResponse, None)
        ));
        // No limit headers: nothing is paced after the first response.
        state.release(first, lesson(vec![]), at(0));
        for _ in 0..100 {
            go(&mut state, at(0), NO_COST);
        }
        assert_eq!(state.in_flight, 100);
    }

    #[test]
    fn what_is_left_is_spread_over_what_is_left_of_the_window() {
        let mut state = KeyState::default();
        let first = go(&mut state, at(0), NO_COST);
        state.release(first, lesson(vec![limit("core", 5, 4, 2000)]), at(0));
        // 4 left over 2 s: one now, the next after 500 ms.
        let second = go(&mut state, at(0), NO_COST);
        match state.decide(at(100), NO_COST) {
            Verdict::Sleep(delay, HoldReason::Spreading, Some(name)) => {
                assert_eq!(delay, Duration::from_millis(400));
                assert_eq!(&*name, "core");
            }
            other => panic!("{other:?}"),
        }
        state.release(second, lesson(vec![limit("core", 5, 3, 2000)]), at(0));
        // 3 left over 1.5 s: 500 ms apart again.
        go(&mut state, at(500), NO_COST);
        assert_eq!(state.next_slot.as_ref().unwrap().0, at(1000));
    }

    #[test]
    fn requests_in_flight_hold_what_remains() {
        let mut state = KeyState::default();
        let first = go(&mut state, at(0), NO_COST);
        // 2 left, no reset known: no spreading, but only two may be in flight.
        let mut learned = limit("core", 5, 2, 0);
        learned.reset = None;
        state.release(first, lesson(vec![learned]), at(0));
        let a = go(&mut state, at(0), NO_COST);
        let _b = go(&mut state, at(0), NO_COST);
        assert!(matches!(
            state.decide(at(0), NO_COST),
            Verdict::AwaitResponse(HoldReason::InFlight, _)
        ));
        let mut learned = limit("core", 5, 1, 0);
        learned.reset = None;
        state.release(a, lesson(vec![learned]), at(0));
        // 1 left, 1 still in flight: nothing for a third.
        assert!(matches!(
            state.decide(at(0), NO_COST),
            Verdict::AwaitResponse(..)
        ));
    }

    #[test]
    fn an_exhausted_limit_waits_for_its_reset_then_a_probe_relearns_it() {
        let mut state = KeyState::default();
        let first = go(&mut state, at(0), NO_COST);
        state.release(first, lesson(vec![limit("core", 5, 0, 2000)]), at(0));
        match state.decide(at(500), NO_COST) {
            Verdict::Sleep(delay, HoldReason::Exhausted, _) => {
                assert_eq!(delay, Duration::from_millis(1500));
            }
            other => panic!("{other:?}"),
        }
        // Past the reset, a window of unknown length: one request relearns it.
        let probe = go(&mut state, at(2000), NO_COST);
        assert!(matches!(
            state.decide(at(2000), NO_COST),
            Verdict::AwaitResponse(HoldReason::FirstResponse, _)
        ));
        state.release(probe, lesson(vec![limit("core", 5, 4, 4000)]), at(2000));
        go(&mut state, at(2000), NO_COST);
    }

    #[test]
    fn a_known_window_rolls_over_without_a_probe() {
        let mut state = KeyState::default();
        let first = go(&mut state, at(0), NO_COST);
        let mut learned = limit("default", 10, 0, 1000);
        learned.window = Some(Duration::from_secs(1));
        state.release(first, lesson(vec![learned]), at(0));
        let ticket = go(&mut state, at(3500), NO_COST);
        assert_eq!(state.limits[0].reset_at, Some(at(4000)));
        assert_eq!(state.limits[0].remaining, Some(10));
        drop(ticket);
    }

    #[test]
    fn a_block_holds_the_whole_key() {
        let mut state = KeyState::default();
        let first = go(&mut state, at(0), NO_COST);
        state.release(
            first,
            Some(Lesson {
                limits: vec![],
                block: Some(Wait::After(Duration::from_secs(3))),
            }),
            at(0),
        );
        assert!(matches!(
            state.decide(at(1000), NO_COST),
            Verdict::Sleep(d, HoldReason::Blocked, None) if d == Duration::from_secs(2)
        ));
        go(&mut state, at(3000), NO_COST);
    }

    #[test]
    fn a_token_cost_binds_before_the_request_count() {
        let mut state = KeyState::default();
        let tokens: &Costs = &[(Cow::Borrowed("tokens"), 100)];
        let first = go(&mut state, at(0), tokens);
        state.release(
            first,
            lesson(vec![
                limit("requests", 100, 99, 1000),
                limit("tokens", 1000, 400, 1000),
            ]),
            at(0),
        );
        // 4 sends of 100 tokens left over 1 s: 250 ms apart (not 1/99 s).
        go(&mut state, at(0), tokens);
        match state.decide(at(0), tokens) {
            Verdict::Sleep(delay, HoldReason::Spreading, Some(name)) => {
                assert_eq!(delay, Duration::from_millis(250));
                assert_eq!(&*name, "tokens");
            }
            other => panic!("{other:?}"),
        }
        // Without a stated cost the token limit holds nothing.
        assert_eq!(cost_of(NO_COST, Some("tokens")), 0);
        assert_eq!(cost_of(NO_COST, Some("core")), 1);
    }

    #[test]
    fn an_older_response_arriving_late_does_not_overwrite_a_newer_one() {
        let mut state = KeyState::default();
        let first = go(&mut state, at(0), NO_COST);
        state.release(first, lesson(vec![limit("core", 10, 9, 60_000)]), at(0));
        let older = go(&mut state, at(0), NO_COST);
        let newer = go(&mut state, at(10_000), NO_COST);
        state.release(
            newer,
            lesson(vec![limit("core", 10, 7, 60_000)]),
            at(10_000),
        );
        state.release(
            older,
            lesson(vec![limit("core", 10, 8, 60_000)]),
            at(10_000),
        );
        assert_eq!(state.limits[0].remaining, Some(7));
        assert_eq!(state.limits[0].reserved, 0);
        assert_eq!(state.in_flight, 0);
    }

    #[test]
    fn a_declared_quota_needs_no_first_response() {
        let mut state = KeyState {
            known: true,
            limits: vec![LimitState::declared(2, Duration::from_secs(10))],
            ..KeyState::default()
        };
        go(&mut state, at(0), NO_COST);
        // 1 left over 10 s.
        assert!(matches!(
            state.decide(at(0), NO_COST),
            Verdict::Sleep(d, HoldReason::Spreading, None) if d == Duration::from_secs(5)
        ));
        go(&mut state, at(5000), NO_COST);
        assert!(matches!(
            state.decide(at(5000), NO_COST),
            Verdict::Sleep(d, HoldReason::Exhausted, None) if d == Duration::from_secs(5)
        ));
        go(&mut state, at(10_000), NO_COST);
    }
}
