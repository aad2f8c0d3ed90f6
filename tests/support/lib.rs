//! A small HTTP/1.1 server on 127.0.0.1 for the tests and examples of response-handler.
//!
//! It sends exactly the bytes a [`Reply`] describes — including what a real server sends and a
//! client library may find odd: no body on 204/304, a body-less answer to `HEAD`, a relative
//! `Location`, repeated header lines, chunked bodies, bodies ended by closing the connection,
//! stray bytes after a response, non-UTF-8 header values. A connection is closed after its
//! response unless the [`Reply`] asks to keep it open ([`Reply::keep_alive`]); then the server
//! reads the next request from it, and [`TestServer::connections`] tells whether a client
//! reused it.
//!
//! ```no_run
//! use suite::{Reply, TestServer};
//!
//! let server = TestServer::start(|request| match request.path.as_str() {
//!     "/users" => Reply::new(201).header("location", "/users/7").json(r#"{"id":7}"#),
//!     _ => Reply::new(404),
//! });
//! let url = server.url("/users");
//! ```
#![forbid(unsafe_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// A request as the server read it.
#[derive(Debug, Clone)]
pub struct Request {
    /// `GET`, `HEAD`, `POST`, ...
    pub method: String,
    /// The request target, query included.
    pub path: String,
    /// Header lines, in order, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The body (read by `Content-Length`).
    pub body: Vec<u8>,
    /// The connection it arrived on: 0 for the first the server accepted, 1 for the next, ...
    pub connection: usize,
}

impl Request {
    /// The first value of header `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The bytes of one response.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    reason: String,
    headers: Vec<(String, Vec<u8>)>,
    body: Body,
    keep_alive: bool,
    stray: Vec<u8>,
}

#[derive(Debug, Clone)]
enum Body {
    /// No body and no `Content-Length` (204, 304, or `HEAD`).
    None,
    /// A body with `Content-Length`.
    Sized(Vec<u8>),
    /// A body sent as these chunks with `Transfer-Encoding: chunked`.
    Chunked(Vec<Vec<u8>>),
    /// Declares `Content-Length: declared` but sends only `sent`, then closes: a truncated body.
    Truncated { declared: usize, sent: Vec<u8> },
    /// Neither `Content-Length` nor `Transfer-Encoding`: the body ends when the connection
    /// closes.
    CloseDelimited(Vec<u8>),
    /// A body that does not end: `chunk` again and again until the client goes away (or, as a
    /// safety stop, after `ENDLESS_CAP` bytes). Chunked, or under `Content-Length: ENDLESS_CAP`.
    Endless { chunk: Vec<u8>, sized: bool },
    /// `Content-Length: length`, and `chunk` written again and again until `length` bytes are
    /// out: a large body made as it is sent, never held whole.
    Repeated { chunk: Vec<u8>, length: usize },
}

/// Where an "endless" body stops anyway, so that a broken client cannot make a test run forever.
pub const ENDLESS_CAP: usize = 1 << 30;

impl Reply {
    /// A response with `status` and its standard reason phrase, no headers, no body.
    pub fn new(status: u16) -> Self {
        let reason = http::StatusCode::from_u16(status)
            .ok()
            .and_then(|status| status.canonical_reason())
            .unwrap_or("Whatever");
        Reply {
            status,
            reason: reason.to_owned(),
            headers: Vec::new(),
            body: Body::Sized(Vec::new()),
            keep_alive: false,
            stray: Vec::new(),
        }
    }

    /// Keeps the connection open after this response (no `connection: close`), and reads the
    /// next request from it. Ignored for the bodies that only closing can end or cut short
    /// ([`truncated`](Self::truncated), [`endless`](Self::endless),
    /// [`close_delimited`](Self::close_delimited)).
    pub fn keep_alive(mut self) -> Self {
        self.keep_alive = true;
        self
    }

    /// Bytes sent right after the response that belong to no response, as a broken server may
    /// send after a 204 or a 304 (which have no body, whatever follows them).
    pub fn stray_bytes(mut self, bytes: impl AsRef<[u8]>) -> Self {
        self.stray = bytes.as_ref().to_vec();
        self
    }

    /// A body without `Content-Length` or `Transfer-Encoding`: it ends when the server closes
    /// the connection.
    pub fn close_delimited(mut self, body: impl AsRef<[u8]>) -> Self {
        self.body = Body::CloseDelimited(body.as_ref().to_vec());
        self
    }

    /// Whether the server keeps the connection open after this response.
    fn keeps_alive(&self) -> bool {
        self.keep_alive
            && matches!(
                self.body,
                Body::None | Body::Sized(_) | Body::Chunked(_) | Body::Repeated { .. }
            )
    }

    /// Adds a header line (repeat the call for repeated lines).
    pub fn header(mut self, name: &str, value: impl AsRef<[u8]>) -> Self {
        self.headers
            .push((name.to_owned(), value.as_ref().to_vec()));
        self
    }

    /// A body with `Content-Length`.
    pub fn body(mut self, body: impl AsRef<[u8]>) -> Self {
        self.body = Body::Sized(body.as_ref().to_vec());
        self
    }

    /// A JSON body, with its content type.
    pub fn json(self, body: impl AsRef<[u8]>) -> Self {
        self.header("content-type", "application/json").body(body)
    }

    /// A text body, with its content type.
    pub fn text(self, body: impl AsRef<[u8]>) -> Self {
        self.header("content-type", "text/plain; charset=utf-8")
            .body(body)
    }

    /// No body and no `Content-Length`, as 204 and 304 are sent.
    pub fn without_body(mut self) -> Self {
        self.body = Body::None;
        self
    }

    /// The body in these chunks, with `Transfer-Encoding: chunked`.
    pub fn chunked<C: AsRef<[u8]>>(mut self, chunks: impl IntoIterator<Item = C>) -> Self {
        self.body = Body::Chunked(
            chunks
                .into_iter()
                .map(|chunk| chunk.as_ref().to_vec())
                .collect(),
        );
        self
    }

    /// Announces `declared` bytes, sends `sent`, and closes the connection.
    pub fn truncated(mut self, declared: usize, sent: impl AsRef<[u8]>) -> Self {
        self.body = Body::Truncated {
            declared,
            sent: sent.as_ref().to_vec(),
        };
        self
    }

    /// A chunked body that repeats `chunk` until the client hangs up.
    pub fn endless(mut self, chunk: impl AsRef<[u8]>) -> Self {
        self.body = Body::Endless {
            chunk: chunk.as_ref().to_vec(),
            sized: false,
        };
        self
    }

    /// A body that announces `Content-Length: ENDLESS_CAP` and repeats `chunk` until the client
    /// hangs up.
    pub fn endless_with_length(mut self, chunk: impl AsRef<[u8]>) -> Self {
        self.body = Body::Endless {
            chunk: chunk.as_ref().to_vec(),
            sized: true,
        };
        self
    }

    /// A body of `length` bytes under `Content-Length`: `chunk` again and again (the last time
    /// cut short), made as it is sent, so that a test can send gigabytes without holding them.
    pub fn repeated(mut self, chunk: impl AsRef<[u8]>, length: usize) -> Self {
        self.body = Body::Repeated {
            chunk: chunk.as_ref().to_vec(),
            length,
        };
        self
    }

    /// The same response as an in-memory `http::Response`, as a client would deliver it for a
    /// `GET`: the reference the loopback tests compare every client against.
    pub fn to_http(&self) -> http::Response<Vec<u8>> {
        let mut builder = http::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            builder = builder.header(name, value.as_slice());
        }
        let body = match &self.body {
            Body::None => Vec::new(),
            Body::Sized(body) => body.clone(),
            Body::Chunked(chunks) => chunks.concat(),
            Body::Truncated { sent, .. } | Body::CloseDelimited(sent) => sent.clone(),
            Body::Endless { chunk, .. } => chunk.clone(),
            Body::Repeated { chunk, length } => {
                chunk.iter().copied().cycle().take(*length).collect()
            }
        };
        builder.body(body).expect("a valid response")
    }

    /// The exact bytes on the wire, for a request with `method` (for an endless body: its head).
    pub fn to_bytes(&self, method: &str) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, self.reason).into_bytes();
        for (name, value) in &self.headers {
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b": ");
            out.extend_from_slice(value);
            out.extend_from_slice(b"\r\n");
        }
        if !self.keeps_alive() {
            out.extend_from_slice(b"connection: close\r\n");
        }
        let head_only = method.eq_ignore_ascii_case("HEAD");
        match &self.body {
            Body::None => out.extend_from_slice(b"\r\n"),
            Body::Sized(body) => {
                out.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
                if !head_only {
                    out.extend_from_slice(body);
                }
            }
            Body::Chunked(chunks) => {
                out.extend_from_slice(b"transfer-encoding: chunked\r\n\r\n");
                if !head_only {
                    for chunk in chunks.iter().filter(|chunk| !chunk.is_empty()) {
                        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                        out.extend_from_slice(chunk);
                        out.extend_from_slice(b"\r\n");
                    }
                    out.extend_from_slice(b"0\r\n\r\n");
                }
            }
            Body::Truncated { declared, sent } => {
                out.extend_from_slice(format!("content-length: {declared}\r\n\r\n").as_bytes());
                out.extend_from_slice(sent);
            }
            Body::CloseDelimited(body) => {
                out.extend_from_slice(b"\r\n");
                if !head_only {
                    out.extend_from_slice(body);
                }
            }
            Body::Endless { sized: false, .. } => {
                out.extend_from_slice(b"transfer-encoding: chunked\r\n\r\n");
            }
            Body::Endless { sized: true, .. } => {
                out.extend_from_slice(format!("content-length: {ENDLESS_CAP}\r\n\r\n").as_bytes());
            }
            Body::Repeated { length, .. } => {
                out.extend_from_slice(format!("content-length: {length}\r\n\r\n").as_bytes());
            }
        }
        out.extend_from_slice(&self.stray);
        out
    }
}

/// A server on 127.0.0.1 (port chosen by the OS) that answers each request with the [`Reply`]
/// the handler returns. It stops when dropped.
pub struct TestServer {
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    connections: Arc<AtomicUsize>,
    /// Connections whose thread has ended (the socket shut down): `connections - closed` are
    /// open.
    closed: Arc<AtomicUsize>,
    acceptor: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Starts the server; `handler` runs on the server's threads, once per request.
    pub fn start<F>(handler: F) -> TestServer
    where
        F: Fn(&Request) -> Reply + Send + Sync + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let stopping = Arc::new(AtomicBool::new(false));
        let handler = Arc::new(handler);
        let stop_flag = Arc::clone(&stopping);
        let connections = Arc::new(AtomicUsize::new(0));
        let accepted = Arc::clone(&connections);
        let closed = Arc::new(AtomicUsize::new(0));
        let closing = Arc::clone(&closed);
        let acceptor = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop_flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let connection = accepted.fetch_add(1, Ordering::SeqCst);
                let handler = Arc::clone(&handler);
                let closing = Arc::clone(&closing);
                std::thread::spawn(move || {
                    serve(stream, connection, &*handler);
                    closing.fetch_add(1, Ordering::SeqCst);
                });
            }
        });
        TestServer {
            addr,
            stopping,
            connections,
            closed,
            acceptor: Some(acceptor),
        }
    }

    /// How many connections the server has accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// How many connections are open now: accepted, and not yet closed by either side (a
    /// connection counts as closed once the server has shut its socket down). A client that
    /// leaks connections keeps this above zero after it is dropped.
    pub fn open_connections(&self) -> usize {
        // `closed` first: read the other way round, a connection closed between the two reads
        // would make the difference negative.
        let closed = self.closed.load(Ordering::SeqCst);
        self.connections.load(Ordering::SeqCst) - closed
    }

    /// The server's address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the acceptor so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// Answers the requests of one connection: one, or more while the replies keep it alive.
fn serve(
    stream: TcpStream,
    connection: usize,
    handler: &(dyn Fn(&Request) -> Reply + Send + Sync),
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    // Ends when the client closes the connection (or sends nothing for the read timeout).
    while let Some(request) = read_request(&mut reader, connection) {
        let reply = handler(&request);
        if !answer(&mut writer, &request, &reply) {
            break;
        }
    }
    let _ = writer.flush();
    let _ = writer.shutdown(std::net::Shutdown::Both);
}

/// Sends `reply`; `true` if the connection stays open for another request.
fn answer(writer: &mut TcpStream, request: &Request, reply: &Reply) -> bool {
    if writer.write_all(&reply.to_bytes(&request.method)).is_err() {
        return false;
    }
    if let Body::Endless { chunk, sized } = &reply.body {
        let framed = if *sized {
            chunk.clone()
        } else {
            let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
            framed.extend_from_slice(chunk);
            framed.extend_from_slice(b"\r\n");
            framed
        };
        let mut sent = 0;
        // Until the client hangs up (the write fails) or the safety cap.
        while sent < ENDLESS_CAP && !chunk.is_empty() && writer.write_all(&framed).is_ok() {
            sent += chunk.len();
        }
    }
    if let (Body::Repeated { chunk, length }, false) =
        (&reply.body, request.method.eq_ignore_ascii_case("HEAD"))
    {
        let mut left = *length;
        while left > 0 && !chunk.is_empty() {
            let part = &chunk[..chunk.len().min(left)];
            if writer.write_all(part).is_err() {
                return false;
            }
            left -= part.len();
        }
    }
    reply.keeps_alive() && writer.flush().is_ok()
}

fn read_request(reader: &mut impl BufRead, connection: usize) -> Option<Request> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let path = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        path,
        headers,
        body,
        connection,
    })
}

/// An in-memory response: `status`, these header lines, this body. For tests that need no
/// server.
pub fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: &'static str,
) -> http::Response<&'static str> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body).expect("a valid response")
}

/// What a typical JSON API sends for each of the common statuses (the rows of the README's
/// HTTP semantics table), with the headers each one carries. `None` for any other status.
pub fn common_reply(code: u16) -> Option<Reply> {
    let reply = Reply::new(code);
    Some(match code {
        200 => reply.json(r#"{"id": 7, "name": "Ada"}"#),
        201 => reply
            .header("location", "/users/7")
            .json(r#"{"id": 7, "name": "Ada"}"#),
        202 => reply
            .header("location", "/jobs/42")
            .json(r#"{"job": 42, "state": "queued"}"#),
        204 => reply.without_body(),
        301 => reply.header("location", "/v2/users/7").text("moved"),
        304 => reply.header("etag", "\"v7\"").without_body(),
        400 => reply.json(r#"{"message": "body must be JSON"}"#),
        401 => reply
            .header(
                "www-authenticate",
                "Bearer realm=\"api\", error=\"invalid_token\"",
            )
            .header("www-authenticate", "Basic realm=\"api\"")
            .text("who are you?"),
        403 => reply.text("not yours"),
        404 => reply.text("no such user"),
        405 => reply.header("allow", "GET, HEAD").text("read only"),
        406 => reply.text("only application/json"),
        409 => reply.json(r#"{"message": "user 7 was changed by someone else"}"#),
        412 => reply.header("etag", "\"v8\"").text("stale"),
        422 => reply
            .json(r#"{"message": "invalid", "errors": [{"field": "name", "problem": "empty"}]}"#),
        429 => reply
            .header("retry-after", "30")
            .header("x-ratelimit-remaining", "0")
            .text("slow down"),
        500 => reply.text("oops"),
        _ => return None,
    })
}

/// The 17 statuses an API client meets most: the rows of the README's HTTP semantics table.
pub const COMMON_STATUSES: [u16; 17] = [
    200, 201, 202, 204, 301, 304, 400, 401, 403, 404, 405, 406, 409, 412, 422, 429, 500,
];

/// The ureq agent of the recipes: it does not follow redirects, so that a 3xx reaches the
/// caller's types as the server sent it. (`response_handler::ureq`'s request-side calls make
/// 4xx/5xx arrive as responses on their own.)
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .build()
        .into()
}

/// A server that answers with `replies` in order, the last one again once they run out, and
/// keeps every request it read: for retry tests, which count attempts and look at what each
/// one sent.
pub fn scripted(replies: Vec<Reply>) -> (TestServer, Arc<std::sync::Mutex<Vec<Request>>>) {
    let received = Arc::new(std::sync::Mutex::new(Vec::<Request>::new()));
    let log = Arc::clone(&received);
    let server = TestServer::start(move |request| {
        let mut log = log.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        log.push(request.clone());
        let index = (log.len() - 1).min(replies.len().saturating_sub(1));
        replies
            .get(index)
            .cloned()
            .unwrap_or_else(|| Reply::new(500))
    });
    (server, received)
}

/// A URL on 127.0.0.1 where nothing listens: connecting to it is refused. (The port was the
/// OS's choice a moment ago and is free again.)
pub fn refused_url(path: &str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    drop(listener);
    format!("http://{addr}{path}")
}
