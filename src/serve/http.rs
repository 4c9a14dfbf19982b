//! Just enough HTTP/1.1 for a local, read-only explorer: one GET (or HEAD) per connection,
//! its head parsed by `httparse` within a size and time limit, a response that closes the
//! connection. No keep-alive, no request bodies: nothing a slow or hostile client sends can
//! hold a thread for longer than the timeouts.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Largest request head read; longer ones are refused (431).
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Time a client has to send its whole request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest wait for the client to take more of the response.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: String,
    /// The path, percent-decoded.
    pub path: String,
    /// The query string's pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The query string as sent, without the `?`.
    pub raw_query: String,
    pub host: Option<String>,
}

impl Request {
    /// Every value of a query parameter, blank ones left out.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.query
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    /// The last non-blank value of a query parameter.
    pub fn one(&self, name: &str) -> Option<String> {
        self.all(name).pop()
    }
}

/// Why a request could not be read; each maps to a status.
#[derive(Debug)]
pub enum BadRequest {
    /// The client sent nothing before closing or timing out: no response is owed.
    Gone,
    TooLarge,
    Malformed(String),
}

/// Reads one request head within [`HEAD_TIMEOUT`] and [`MAX_HEAD_BYTES`].
pub fn read_request(stream: &mut TcpStream) -> Result<Request, BadRequest> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut buf = vec![0u8; MAX_HEAD_BYTES];
    let mut filled = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(if filled == 0 {
                BadRequest::Gone
            } else {
                BadRequest::Malformed("the request head took too long to arrive".into())
            });
        }
        // A client that trickles bytes still meets the overall deadline.
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| BadRequest::Gone)?;
        let n = match stream.read(&mut buf[filled..]) {
            Ok(0) | Err(_) if filled == 0 => return Err(BadRequest::Gone),
            Ok(0) => {
                return Err(BadRequest::Malformed(
                    "the connection closed mid-request".into(),
                ));
            }
            Ok(n) => n,
            Err(e) => return Err(BadRequest::Malformed(format!("reading the request: {e}"))),
        };
        filled += n;
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut parsed = httparse::Request::new(&mut headers);
        match parsed.parse(&buf[..filled]) {
            Ok(httparse::Status::Complete(_)) => return Ok(request_of(&parsed)),
            Ok(httparse::Status::Partial) if filled == buf.len() => {
                return Err(BadRequest::TooLarge);
            }
            Ok(httparse::Status::Partial) => continue,
            Err(httparse::Error::TooManyHeaders) => return Err(BadRequest::TooLarge),
            Err(e) => return Err(BadRequest::Malformed(format!("not an HTTP request: {e}"))),
        }
    }
}

fn request_of(parsed: &httparse::Request) -> Request {
    let target = parsed.path.unwrap_or("/");
    let (path, raw_query) = target.split_once('?').unwrap_or((target, ""));
    let raw_query = raw_query.split('#').next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let query = form_urlencoded::parse(raw_query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let host = parsed
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("host"))
        .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase());
    Request {
        method: parsed.method.unwrap_or("").to_string(),
        path,
        query,
        raw_query: raw_query.to_string(),
        host,
    }
}

/// What a handler answers.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Body,
    /// Extra headers (Content-Disposition, Allow, Location).
    pub headers: Vec<(&'static str, String)>,
}

/// Writes a streamed body to the connection.
pub type WriteBody = Box<dyn FnOnce(&mut dyn Write) -> anyhow::Result<()> + Send>;

pub enum Body {
    Bytes(Vec<u8>),
    /// Written straight to the connection (downloads of a whole query): no length is sent
    /// and the connection's close ends the body.
    Stream(WriteBody),
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type,
            body: Body::Bytes(body.into()),
            headers: Vec::new(),
        }
    }

    pub fn html(status: u16, body: String) -> Response {
        Response::new(status, "text/html; charset=utf-8", body)
    }

    pub fn json<T: serde::Serialize>(status: u16, value: &T) -> Response {
        match serde_json::to_vec(value) {
            Ok(mut body) => {
                body.push(b'\n');
                Response::new(status, "application/json", body)
            }
            Err(e) => Response::new(
                500,
                "text/plain; charset=utf-8",
                format!("cannot write JSON: {e}"),
            ),
        }
    }

    pub fn with_header(mut self, name: &'static str, value: String) -> Response {
        self.headers.push((name, value));
        self
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        303 => "See Other",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Headers every response carries: the page may load only its own scripts, styles and
/// pictures, may not be framed, and its types are not to be guessed.
const SECURITY_HEADERS: &str = "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n\
X-Content-Type-Options: nosniff\r\n\
Referrer-Policy: no-referrer\r\n\
Cache-Control: no-store\r\n";

/// Writes a response and returns the body's length (None when streamed).
pub fn write_response(
    stream: &mut TcpStream,
    response: Response,
    head_only: bool,
    server_ms: f64,
) -> io::Result<Option<usize>> {
    stream.set_write_timeout(Some(WRITE_TIMEOUT))?;
    let mut out = io::BufWriter::with_capacity(64 * 1024, stream);
    write!(
        out,
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nConnection: close\r\n{SECURITY_HEADERS}Server-Timing: app;dur={server_ms:.2}\r\n",
        response.status,
        reason(response.status),
        response.content_type
    )?;
    for (name, value) in &response.headers {
        // Values come from diplo, never from the request; a line break would still end one.
        let value = value.replace(['\r', '\n'], " ");
        write!(out, "{name}: {value}\r\n")?;
    }
    let written = match response.body {
        Body::Bytes(body) => {
            write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
            if !head_only {
                out.write_all(&body)?;
            }
            Some(body.len())
        }
        Body::Stream(write) => {
            out.write_all(b"\r\n")?;
            if !head_only {
                write(&mut out).map_err(|e| io::Error::other(format!("{e:#}")))?;
            }
            None
        }
    };
    out.flush()?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(head: &str) -> Request {
        let mut headers = [httparse::EMPTY_HEADER; 16];
        let mut req = httparse::Request::new(&mut headers);
        assert!(req.parse(head.as_bytes()).unwrap().is_complete());
        request_of(&req)
    }

    #[test]
    fn the_path_and_query_are_decoded() {
        let r = parsed(
            "GET /record/ab%20c?q=Korean+Peninsula&country=USA&country=CHN&to= HTTP/1.1\r\nHost: LocalHost:8750\r\n\r\n",
        );
        assert_eq!(r.method, "GET");
        assert_eq!(r.path, "/record/ab c");
        assert_eq!(r.one("q").as_deref(), Some("Korean Peninsula"));
        assert_eq!(r.all("country"), ["USA", "CHN"]);
        assert_eq!(r.one("to"), None);
        assert_eq!(r.host.as_deref(), Some("localhost:8750"));
    }
}
