//! `#[retry(when_asked)]` through every client: GitHub answers 403 both for "forbidden" and for
//! its rate limits; only the 403 that asks for a wait (`Retry-After`, or nothing remaining and
//! a reset) is sent again, at the wait it asked for.

use super::*;

#[derive(Debug, ResponseHandler)]
pub enum Repo {
    #[on(200)]
    Found(String),
    #[on(403)]
    #[retry(when_asked)]
    Forbidden(Option<RetryAfter>, Option<RateLimit>, String),
}

/// GitHub's primary rate limit: nothing remaining, reset 42 s after the recorder's clock start
/// (a Unix time, so the wait is measured by the policy's clock, not at decoding).
pub(super) fn exhausted() -> Reply {
    Reply::new(403)
        .header("x-ratelimit-limit", "60")
        .header("x-ratelimit-remaining", "0")
        .header("x-ratelimit-reset", "1700000042")
        .header("x-ratelimit-resource", "core")
        .text("API rate limit exceeded")
}

pub(super) fn found() -> Reply {
    Reply::new(200).text("response-handler")
}

macro_rules! when_asked_per_client {
    ($($module:ident: $client:ty,)*) => {$(
        mod $module {
            use super::*;

            fn call(url: &str, recorder: &Recorder) -> Result<Repo, CallError<String>> {
                <$client as Client>::new().call_as::<Repo>("GET", url, &[], &recorder.policy())
            }

            #[test]
            fn a_403_with_nothing_remaining_and_a_reset_is_retried_at_the_reset() {
                let (server, received) = scripted(vec![exhausted(), found()]);
                let recorder = Recorder::default();
                let outcome = call(&server.url("/repos/x"), &recorder);
                assert!(matches!(outcome, Ok(Repo::Found(ref body)) if body == "response-handler"), "{outcome:?}");
                assert_eq!(recorder.events(), [event(1, "403 Forbidden", 42.0)]);
                <$client as Client>::assert_slept(&recorder, &[Duration::from_secs(42)]);
                assert_eq!(attempts(&received), 2);
            }

            #[test]
            fn a_403_with_retry_after_is_retried_after_it() {
                let secondary = Reply::new(403).header("retry-after", "3").text("secondary rate limit");
                let (server, received) = scripted(vec![secondary, found()]);
                let recorder = Recorder::default();
                let outcome = call(&server.url("/repos/x"), &recorder);
                assert!(matches!(outcome, Ok(Repo::Found(_))), "{outcome:?}");
                assert_eq!(recorder.events(), [event(1, "403 Forbidden", 3.0)]);
                <$client as Client>::assert_slept(&recorder, &[Duration::from_secs(3)]);
                assert_eq!(attempts(&received), 2);
            }

            #[test]
            fn a_403_without_a_wait_is_final_after_one_attempt() {
                let left = Reply::new(403)
                    .header("x-ratelimit-limit", "60")
                    .header("x-ratelimit-remaining", "59")
                    .header("x-ratelimit-reset", "1700000042")
                    .text("Must have admin rights");
                for forbidden in [Reply::new(403).text("Must have admin rights"), left] {
                    let (server, received) = scripted(vec![forbidden, found()]);
                    let recorder = Recorder::default();
                    let outcome = call(&server.url("/repos/x"), &recorder);
                    match outcome {
                        Ok(Repo::Forbidden(None, _, body)) => assert_eq!(body, "Must have admin rights"),
                        other => panic!("expected the 403 outcome, got {other:?}"),
                    }
                    assert_eq!(recorder.events(), []);
                    <$client as Client>::assert_slept(&recorder, &[]);
                    assert_eq!(attempts(&received), 1);
                }
            }

            /// A malformed wait was not asked for: the error at once (a plain `#[retry]` retries
            /// it after the backoff, see `a_malformed_retry_after_on_a_retry_variant_...`).
            #[test]
            fn a_malformed_retry_after_is_final() {
                for value in ["soon", "0x10", "-1"] {
                    let malformed = Reply::new(403).header("retry-after", value).text("slow down");
                    let (server, received) = scripted(vec![malformed, found()]);
                    let recorder = Recorder::default();
                    let outcome = call(&server.url("/repos/x"), &recorder);
                    let Err(CallError::Response(error)) = outcome else {
                        panic!("{value}: expected the 403 as an error, got {outcome:?}");
                    };
                    assert_eq!(error.kind(), ErrorKind::Extract, "{value}");
                    assert_eq!(error.status(), StatusCode::FORBIDDEN);
                    assert_eq!(error.headers()["retry-after"], value);
                    assert_eq!(recorder.events(), [], "{value}");
                    <$client as Client>::assert_slept(&recorder, &[]);
                    assert_eq!(attempts(&received), 1, "{value}");
                }
            }
        }
    )*};
}

when_asked_per_client! {
    ureq: Ureq,
    reqwest_blocking: ReqwestBlocking,
    reqwest_async: ReqwestAsync,
    tower: Tower,
    reqwest_middleware: Middleware,
}
