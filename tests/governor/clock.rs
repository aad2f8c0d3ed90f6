//! One injected clock for a loopback server and a governor, advanced only when every task of a
//! test is parked in its sleeper: the run is the same whatever the machine's load.
//!
//! tokio's paused clock is not enough: it jumps to the next timer whenever the runtime waits
//! on a socket, so a request in flight could see time pass. Here time moves only when every
//! live task (async task or thread) sleeps in [`VirtualClock::sleep`] or
//! [`VirtualClock::sleep_blocking`]: none is sending, none is waiting for a response, none is
//! waiting for another task's response. The driver then moves the clock to the earliest
//! deadline and wakes the sleepers whose deadline it reached.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A safety stop for a broken governor (a task waiting forever): never reached by a passing run.
const STUCK: Duration = Duration::from_secs(30);

pub struct VirtualClock {
    inner: Mutex<Inner>,
    changed: Condvar,
}

struct Inner {
    now: SystemTime,
    live: usize,
    parked: usize,
    stop: bool,
    next_id: u64,
    sleepers: BTreeMap<u64, (SystemTime, Option<Waker>)>,
}

/// The moment a run starts: a whole number of seconds, even, so that windows of whole seconds
/// start on it.
pub fn start() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

impl VirtualClock {
    pub fn new() -> Arc<Self> {
        Arc::new(VirtualClock {
            inner: Mutex::new(Inner {
                now: start(),
                live: 0,
                parked: 0,
                stop: false,
                next_id: 0,
                sleepers: BTreeMap::new(),
            }),
            changed: Condvar::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn now(&self) -> SystemTime {
        self.lock().now
    }

    /// The time since [`start`].
    pub fn elapsed(&self) -> Duration {
        self.now().duration_since(start()).unwrap()
    }

    /// `n` more tasks will run; each calls [`done`](Self::done) when it ends.
    pub fn add_live(&self, n: usize) {
        self.lock().live += n;
    }

    pub fn done(&self) {
        self.lock().live -= 1;
        self.changed.notify_all();
    }

    fn register(&self, delay: Duration) -> Option<u64> {
        let mut inner = self.lock();
        if delay.is_zero() {
            return None;
        }
        let deadline = inner.now + delay;
        let id = inner.next_id;
        inner.next_id += 1;
        inner.parked += 1;
        inner.sleepers.insert(id, (deadline, None));
        drop(inner);
        self.changed.notify_all();
        Some(id)
    }

    /// The blocking sleeper: parks the thread until the driver moves the clock past `delay`.
    pub fn sleep_blocking(&self, delay: Duration) {
        let Some(id) = self.register(delay) else {
            return;
        };
        let mut inner = self.lock();
        while inner.sleepers.contains_key(&id) {
            inner = self.changed.wait(inner).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// The async sleeper.
    pub fn sleep(self: &Arc<Self>, delay: Duration) -> Sleep {
        Sleep {
            clock: Arc::clone(self),
            delay,
            id: None,
        }
    }

    /// Starts the driver thread. It stops when [`stop`](Self::stop) is called.
    pub fn drive(self: &Arc<Self>) -> JoinHandle<()> {
        let clock = Arc::clone(self);
        std::thread::spawn(move || {
            let mut inner = clock.lock();
            let mut since = Instant::now();
            loop {
                if inner.stop {
                    return;
                }
                if inner.parked > 0 && inner.parked == inner.live {
                    let earliest = inner.sleepers.values().map(|(at, _)| *at).min().unwrap();
                    inner.now = inner.now.max(earliest);
                    let now = inner.now;
                    let due: Vec<u64> = inner
                        .sleepers
                        .iter()
                        .filter(|(_, (at, _))| *at <= now)
                        .map(|(id, _)| *id)
                        .collect();
                    for id in due {
                        let (_, waker) = inner.sleepers.remove(&id).unwrap();
                        inner.parked -= 1;
                        if let Some(waker) = waker {
                            waker.wake();
                        }
                    }
                    self_notify(&clock);
                    since = Instant::now();
                    continue;
                }
                let (next, timeout) = clock
                    .changed
                    .wait_timeout(inner, Duration::from_millis(200))
                    .unwrap_or_else(|p| p.into_inner());
                inner = next;
                if timeout.timed_out() && since.elapsed() > STUCK && inner.live > 0 {
                    // A panic here would leave the test waiting for its tasks forever.
                    eprintln!(
                        "no progress for {STUCK:?}: {} live, {} parked at {:?}",
                        inner.live,
                        inner.parked,
                        inner.now.duration_since(start())
                    );
                    std::process::exit(101);
                }
                if !timeout.timed_out() {
                    since = Instant::now();
                }
            }
        })
    }

    pub fn stop(&self) {
        self.lock().stop = true;
        self.changed.notify_all();
    }
}

fn self_notify(clock: &VirtualClock) {
    clock.changed.notify_all();
}

pub struct Sleep {
    clock: Arc<VirtualClock>,
    delay: Duration,
    id: Option<u64>,
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let Some(id) = self.id {
            let mut inner = self.clock.lock();
            if inner.sleepers.remove(&id).is_some() {
                inner.parked -= 1;
            }
        }
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let id = match self.id {
            Some(id) => id,
            None => {
                let Some(id) = self.clock.register(self.delay) else {
                    return Poll::Ready(());
                };
                self.id = Some(id);
                id
            }
        };
        let mut inner = self.clock.lock();
        match inner.sleepers.get_mut(&id) {
            None => Poll::Ready(()),
            Some((_, waker)) => {
                *waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
