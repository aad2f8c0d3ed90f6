//! Server-sent events, as an LLM API streams a completion: a `BodyStream` field takes the live
//! body of a `200 text/event-stream` and the events are read as they arrive, while a `429` from
//! the same call still arrives typed (`Retry-After`, RFC 9457 problem details) and any other
//! failure keeps its status and body.
//!
//! It starts its own HTTP/1.1 server on 127.0.0.1, which writes the events one at a time
//! (chunked transfer coding) and holds the last one back until the client says it has read two
//! events: a body that were buffered instead of streamed would never let it say so. The client
//! is reqwest's async client on a current-thread tokio runtime; each event is printed with the
//! time since the request, as it arrives. Run it with `cargo run --example streaming`.
//!
//! The events are parsed by `SseParser` below, fed chunk by chunk, rather than by a crate:
//! `eventsource-stream` has had no release since 0.2.3 (February 2022) and brings `nom` 7,
//! which nothing else here uses; `sse-stream` is maintained, but until 0.3.0 (September 2026)
//! it rejected the unknown fields that WHATWG says to ignore; and behind a cargo feature, the
//! plain `cargo run --example streaming` would not build the example at all. Either crate takes
//! a `BodyStream` as it is: it is a `futures_core::Stream` of `Bytes` and an `http_body::Body`.

use std::error::Error;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use response_handler::reqwest::RequestBuilderExt;
use response_handler::{
    BodyNeed, BodyStream, ContentType, ErrorBody, Problem, ResponseHandler, RetryAfter, StatusCode,
    Wait,
};
use serde::Deserialize;

type BoxError = Box<dyn Error + Send + Sync>;

/// Every outcome of "stream a chat completion".
#[derive(Debug, ResponseHandler)]
enum Chat {
    /// 2xx: the events, read as they arrive. `ContentType` reads the head only, so the body is
    /// left to the stream.
    #[on_success]
    Events(ContentType, BodyStream),
    /// 429: when to come back, and why (`application/problem+json`).
    #[on(429)]
    RateLimited(Option<RetryAfter>, Problem),
    /// Anything else: the status, and the body as JSON, problem details or text.
    #[on_failure]
    Failed(StatusCode, ErrorBody),
}

/// What the server writes for a completion, one write per entry with a pause between them:
/// deltas of the answer, a usage report, then the `[DONE]` sentinel of OpenAI-style APIs. Two
/// events are cut in two, as a TCP segment or a proxy may cut them: between the CR and the LF
/// of a CRLF, and in the middle of a field.
const STREAM: [&str; 10] = [
    ": stream opened\nretry: 3000\n\n",
    "id: 1\ndata: {\"text\":\"Events \"}\n\n",
    "id: 2\ndata: {\"text\":\"arrive \"}\n\n",
    "id: 3\r\ndata: {\"text\":\"one \"}\r",
    "\n\r\n",
    "id: 4\ndata: {\"te",
    "xt\":\"by \"}\n\n",
    "id: 5\ndata:{\"text\":\"one.\"}\n\n",
    "event: usage\ndata: {\"input_tokens\": 12,\ndata:  \"output_tokens\": 5}\n\n",
    "data: [DONE]\n\n",
];

/// The events `STREAM` holds, as `(type, last event ID, data)`.
const EXPECTED: [(&str, &str, &str); 7] = [
    ("message", "1", r#"{"text":"Events "}"#),
    ("message", "2", r#"{"text":"arrive "}"#),
    ("message", "3", r#"{"text":"one "}"#),
    ("message", "4", r#"{"text":"by "}"#),
    ("message", "5", r#"{"text":"one."}"#),
    // Two `data` lines joined with LF; one space after each colon removed, the second kept.
    (
        "usage",
        "5",
        "{\"input_tokens\": 12,\n \"output_tokens\": 5}",
    ),
    ("message", "5", "[DONE]"),
];

/// How many events the client reads before the server writes the last one.
const READ_BEFORE_THE_LAST: usize = 2;

/// How long the server holds the last event back for the client's word: a safety stop for a
/// client that does not stream (then the example fails), never reached by one that does.
const HOLD_LIMIT: Duration = Duration::from_secs(5);

/// The `data` of a delta event: the next piece of the answer.
#[derive(Deserialize)]
struct Delta {
    text: String,
}

/// The `data` of the `usage` event.
#[derive(Debug, Deserialize, PartialEq)]
struct Usage {
    input_tokens: u32,
    output_tokens: u32,
}

fn main() -> Result<(), BoxError> {
    // The head decides what is read: the stream is left unread for the `BodyStream`, a 429's
    // problem details are read into memory.
    assert_eq!(Chat::body_need(StatusCode::OK), BodyNeed::Streamed);
    assert_eq!(
        Chat::body_need(StatusCode::TOO_MANY_REQUESTS),
        BodyNeed::Buffered
    );

    // One connection per request below: every answer says `connection: close`.
    let server = Server::start(3)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        // Loopback only: no proxy from the environment in between.
        let client = reqwest::Client::builder().no_proxy().build()?;
        stream_completion(&client, &server).await?;
        rate_limited(&client, &server).await?;
        not_found(&client, &server).await
    })?;
    server.stop();
    Ok(())
}

/// `200 text/event-stream`: each event printed and kept as soon as its blank line arrives.
async fn stream_completion(client: &reqwest::Client, server: &Server) -> Result<(), BoxError> {
    let start = Instant::now();
    let outcome = client
        .post(server.url("/v1/chat"))
        .header("content-type", "application/json")
        .body(r#"{"prompt":"How do events arrive?","stream":true}"#)
        .handle::<Chat>()
        .await?;
    let Chat::Events(content_type, mut body) = outcome else {
        return Err(format!("expected events, got {outcome:?}").into());
    };
    assert_eq!(content_type.essence(), "text/event-stream");
    assert!(body.is_live(), "the body is read from the connection");
    println!("200 {}, events as they arrive:", content_type.essence());

    let mut parser = SseParser::default();
    let mut arrived = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = body.chunk().await? {
        chunks += 1;
        for event in parser.feed(&chunk)? {
            let at = Instant::now();
            println!(
                "{:>5} ms  {:<7} id {}  {}",
                at.duration_since(start).as_millis(),
                event.kind,
                event.id,
                event.data.replace('\n', "\\n")
            );
            arrived.push((event, at));
            if arrived.len() == READ_BEFORE_THE_LAST {
                // Fails only when the server no longer listens.
                let _ = server.events_read.send(());
            }
        }
    }
    // A stream cut in the middle of an event leaves that event in the parser, never dispatched
    // (WHATWG HTML §9.2.6): the loop only ever sees whole events.

    // Complete and in order, `[DONE]` last.
    let events: Vec<Event> = arrived.iter().map(|(event, _)| event.clone()).collect();
    assert_eq!(events, expected_events());
    assert_eq!(parser.reconnection_time(), Some(Duration::from_secs(3)));
    let answer: String = events
        .iter()
        .filter(|event| event.kind == "message" && event.data != "[DONE]")
        .map(|event| serde_json::from_str::<Delta>(&event.data).map(|delta| delta.text))
        .collect::<Result<_, _>>()?;
    assert_eq!(answer, "Events arrive one by one.");
    let usage: Usage = serde_json::from_str(&events[5].data)?;
    assert_eq!(
        usage,
        Usage {
            input_tokens: 12,
            output_tokens: 5
        }
    );

    // Streamed, not buffered: the server held its last event back until we had read two.
    let held = server.last_event_held.recv_timeout(HOLD_LIMIT)?;
    println!(
        "{} events in {chunks} chunks: {answer:?}; {READ_BEFORE_THE_LAST} of them read before the server sent the last",
        events.len()
    );
    assert!(
        held,
        "the server wrote the last event before {READ_BEFORE_THE_LAST} events were read"
    );

    // However the bytes are cut, the parser gives the same events.
    let whole = STREAM.concat();
    let at_once = SseParser::default().feed(whole.as_bytes())?;
    let mut byte_by_byte = SseParser::default();
    let mut one_at_a_time = Vec::new();
    for byte in whole.as_bytes() {
        one_at_a_time.extend(byte_by_byte.feed(std::slice::from_ref(byte))?);
    }
    assert_eq!(at_once, events);
    assert_eq!(one_at_a_time, events);
    Ok(())
}

/// `429` on the same call: not a stream, but the wait and the problem details, typed.
async fn rate_limited(client: &reqwest::Client, server: &Server) -> Result<(), BoxError> {
    let outcome = client
        .post(server.url("/v1/chat"))
        .header("content-type", "application/json")
        .header("x-demo", "rate-limited")
        .body(r#"{"prompt":"And again?","stream":true}"#)
        .handle::<Chat>()
        .await?;
    let Chat::RateLimited(retry_after, problem) = outcome else {
        return Err(format!("expected RateLimited, got {outcome:?}").into());
    };
    println!(
        "429 -> RateLimited: retry after {retry_after:?}, {:?}: {:?}",
        problem.title().unwrap_or_default(),
        problem.detail().unwrap_or_default()
    );
    assert_eq!(
        retry_after,
        Some(RetryAfter(Wait::After(Duration::from_secs(2))))
    );
    assert_eq!(problem.title(), Some("Too Many Requests"));
    assert_eq!(problem.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(
        problem.problem_type(),
        "https://api.example/problems/rate-limited"
    );
    Ok(())
}

/// Any other failure: the status and the body, whatever it is.
async fn not_found(client: &reqwest::Client, server: &Server) -> Result<(), BoxError> {
    let outcome = client
        .get(server.url("/v1/models"))
        .handle::<Chat>()
        .await?;
    let Chat::Failed(status, body) = outcome else {
        return Err(format!("expected Failed, got {outcome:?}").into());
    };
    println!("{status} -> Failed: {body:?}");
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body.text(), Some("no route for GET /v1/models"));
    Ok(())
}

fn expected_events() -> Vec<Event> {
    EXPECTED
        .iter()
        .map(|(kind, id, data)| Event {
            kind: (*kind).to_owned(),
            id: (*id).to_owned(),
            data: (*data).to_owned(),
        })
        .collect()
}

/// One event, as WHATWG HTML §9.2.6 "Interpreting an event stream" dispatches it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Event {
    /// The `event` field; `message` when the event has none.
    kind: String,
    /// The `data` fields, joined with LF.
    data: String,
    /// The last event ID: the latest `id` field, of this event or of an earlier one.
    id: String,
}

/// A line or an event's data longer than this ends the stream with an error: memory stays
/// bounded whatever the server sends.
const MAX_EVENT_BYTES: usize = 64 * 1024;

/// An incremental `text/event-stream` parser: bytes in, in chunks of any size, and each event
/// out as soon as its blank line arrives.
///
/// The rules are WHATWG HTML §9.2.5 "Parsing an event stream" and §9.2.6 "Interpreting an
/// event stream" (<https://html.spec.whatwg.org/multipage/server-sent-events.html>):
/// - a line ends at CRLF, LF or CR. A CR ends its line at once, so an event ending in CR is
///   not held back until the next chunk; an LF right after it, in the same chunk or the next,
///   is the rest of that CRLF, not an empty line;
/// - the stream is UTF-8, one leading BOM removed, invalid bytes read as U+FFFD;
/// - an empty line dispatches the event (nothing, when no `data` field came); a line starting
///   with `:` is a comment; the field name is what precedes the first `:`, or the whole line
///   with an empty value; one space after the colon is removed;
/// - `event` sets the type, `data` appends its value and an LF (the last LF is removed at
///   dispatch), `id` sets the last event ID unless it holds a NUL, `retry` sets the
///   reconnection time when it is ASCII digits only; other fields are ignored;
/// - at the end of the stream, an event without its blank line is discarded.
#[derive(Debug, Default)]
struct SseParser {
    /// The bytes of the line not yet ended.
    line: Vec<u8>,
    /// The last byte seen was a CR.
    after_cr: bool,
    /// A line has ended: a BOM can only lead the first.
    past_first_line: bool,
    data: String,
    kind: String,
    last_id: String,
    retry: Option<Duration>,
}

impl SseParser {
    /// Reads `chunk` and returns the events it completes, in order.
    fn feed(&mut self, chunk: &[u8]) -> Result<Vec<Event>, String> {
        let mut events = Vec::new();
        let mut rest = chunk;
        // Each turn consumes at least one byte.
        while let Some((&first, tail)) = rest.split_first() {
            if std::mem::take(&mut self.after_cr) && first == b'\n' {
                rest = tail;
                continue;
            }
            let Some(end) = rest.iter().position(|&b| b == b'\n' || b == b'\r') else {
                self.push(rest)?;
                break;
            };
            self.push(&rest[..end])?;
            self.after_cr = rest[end] == b'\r';
            events.extend(self.end_line()?);
            rest = &rest[end + 1..];
        }
        Ok(events)
    }

    /// The reconnection time the stream asked for (`retry`), if any.
    fn reconnection_time(&self) -> Option<Duration> {
        self.retry
    }

    fn push(&mut self, bytes: &[u8]) -> Result<(), String> {
        if self.line.len() + bytes.len() > MAX_EVENT_BYTES {
            return Err(format!("a line longer than {MAX_EVENT_BYTES} bytes"));
        }
        self.line.extend_from_slice(bytes);
        Ok(())
    }

    fn end_line(&mut self) -> Result<Option<Event>, String> {
        let mut bytes = std::mem::take(&mut self.line);
        if !std::mem::replace(&mut self.past_first_line, true) && bytes.starts_with(b"\xEF\xBB\xBF")
        {
            bytes.drain(..3);
        }
        let line = String::from_utf8_lossy(&bytes);
        if line.is_empty() {
            return Ok(self.dispatch());
        }
        if line.starts_with(':') {
            return Ok(None);
        }
        let (name, value) = match line.split_once(':') {
            Some((name, value)) => (name, value.strip_prefix(' ').unwrap_or(value)),
            None => (&*line, ""),
        };
        match name {
            "event" => value.clone_into(&mut self.kind),
            "data" => {
                if self.data.len() + value.len() + 1 > MAX_EVENT_BYTES {
                    return Err(format!("an event longer than {MAX_EVENT_BYTES} bytes"));
                }
                self.data.push_str(value);
                self.data.push('\n');
            }
            "id" if !value.contains('\0') => value.clone_into(&mut self.last_id),
            "retry" if value.bytes().all(|b| b.is_ascii_digit()) => {
                // All digits, but maybe too many for a u64 (or none): ignored, as any bad value.
                if let Ok(millis) = value.parse() {
                    self.retry = Some(Duration::from_millis(millis));
                }
            }
            _ => {}
        }
        Ok(None)
    }

    fn dispatch(&mut self) -> Option<Event> {
        let mut data = std::mem::take(&mut self.data);
        let kind = std::mem::take(&mut self.kind);
        if data.is_empty() {
            return None;
        }
        data.pop(); // the LF after the last `data` line
        Some(Event {
            kind: if kind.is_empty() {
                "message".to_owned()
            } else {
                kind
            },
            data,
            id: self.last_id.clone(),
        })
    }
}

/// A loopback HTTP/1.1 server for this example: written here rather than taken from `suite`,
/// whose server sends each reply in one write, because a stream is only a stream if its bytes
/// leave the server over time.
struct Server {
    address: SocketAddr,
    /// The client's word that it has read `READ_BEFORE_THE_LAST` events.
    events_read: Sender<()>,
    /// Whether the server heard that word before it wrote the last event.
    last_event_held: Receiver<bool>,
    thread: JoinHandle<()>,
}

impl Server {
    /// Answers the first `connections` connections, each on a thread of its own, then stops.
    fn start(connections: usize) -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?;
        let (sender, last_event_held) = mpsc::channel();
        let (events_read, word) = mpsc::channel();
        let word = Arc::new(Mutex::new(word));
        let thread = thread::spawn(move || {
            let workers: Vec<_> = listener
                .incoming()
                .take(connections)
                .filter_map(Result::ok)
                .map(|stream| {
                    let sender = sender.clone();
                    let word = Arc::clone(&word);
                    thread::spawn(move || {
                        if let Err(error) = answer(stream, &word, &sender) {
                            eprintln!("server: {error}");
                        }
                    })
                })
                .collect();
            for worker in workers {
                let _ = worker.join();
            }
        });
        Ok(Self {
            address,
            events_read,
            last_event_held,
            thread,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    fn stop(self) {
        self.thread.join().expect("the server thread panicked");
    }
}

struct Request {
    method: String,
    path: String,
    /// The `x-demo` header: `rate-limited` asks for a 429.
    demo: Option<String>,
}

fn answer(
    mut stream: TcpStream,
    events_read: &Mutex<Receiver<()>>,
    last_event_held: &Sender<bool>,
) -> io::Result<()> {
    // Each event leaves at once instead of waiting for the previous one's ACK (Nagle).
    stream.set_nodelay(true)?;
    let request = read_request(&stream)?;
    match (request.method.as_str(), request.path.as_str()) {
        ("POST", "/v1/chat") if request.demo.as_deref() == Some("rate-limited") => {
            let problem = r#"{"type":"https://api.example/problems/rate-limited","title":"Too Many Requests","status":429,"detail":"3 completions a minute; this is the 4th."}"#;
            write!(
                stream,
                "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/problem+json\r\n\
                 retry-after: 2\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{problem}",
                problem.len()
            )
        }
        ("POST", "/v1/chat") => {
            stream.write_all(
                b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n\
                  transfer-encoding: chunked\r\nconnection: close\r\n\r\n",
            )?;
            for (index, piece) in STREAM.iter().enumerate() {
                if index == STREAM.len() - 1 {
                    let word = events_read
                        .lock()
                        .map_err(|_| io::Error::other("poisoned"))?
                        .recv_timeout(HOLD_LIMIT);
                    // Fails only when nobody waits for the answer any more.
                    let _ = last_event_held.send(word.is_ok());
                }
                write!(stream, "{:x}\r\n{piece}\r\n", piece.len())?;
                stream.flush()?;
            }
            stream.write_all(b"0\r\n\r\n")
        }
        (method, path) => {
            let text = format!("no route for {method} {path}");
            write!(
                stream,
                "HTTP/1.1 404 Not Found\r\ncontent-type: text/plain; charset=utf-8\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n{text}",
                text.len()
            )
        }
    }
}

/// Reads the request line, the headers this server looks at, and the body (by
/// `Content-Length`): answering with bytes still unread would make the socket reset the
/// connection when it closes.
fn read_request(stream: &TcpStream) -> io::Result<Request> {
    let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_owned());
    // A request larger than 16 KiB is none this server answers; it also bounds the loop.
    let mut reader = BufReader::new(stream.take(16 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(path)) = (parts.next(), parts.next()) else {
        return Err(invalid("no request line"));
    };
    let (method, path) = (method.to_owned(), path.to_owned());
    let mut length = 0;
    let mut demo = None;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(invalid("the head did not end"));
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = value.parse().map_err(|_| invalid("bad content-length"))?;
        } else if name.eq_ignore_ascii_case("x-demo") {
            demo = Some(value.to_owned());
        }
    }
    io::copy(&mut reader.take(length), &mut io::sink())?;
    Ok(Request { method, path, demo })
}
