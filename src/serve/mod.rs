//! `diplo serve`: a local, read-only explorer of the index in the browser, and a JSON API
//! over the CLI's contracts. One thread per connection, at most [`MAX_CONNECTIONS`] at once,
//! each bounded by the timeouts in [`http`].

pub mod http;
mod pages;
mod routes;
mod state;
mod svg;
pub mod view;

use anyhow::{Context, Result};
use http::{BadRequest, Request, Response};
use state::IndexState;
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Connections served at once; more are answered 503 at once.
pub const MAX_CONNECTIONS: usize = 64;

pub struct Server {
    state: IndexState,
    hosts: HostGuard,
}

/// Which Host headers are answered: the guard against DNS rebinding, where a page of another
/// site gets its name resolved to this machine and reads the index through the browser.
struct HostGuard {
    /// The bound address, and `localhost` for loopback.
    allowed: Vec<String>,
    /// Bound to every address (`--bind 0.0.0.0`): any IP address with the port is a fine Host
    /// too, as the machine's names are not known. A rebinding page always sends a name.
    any_address: Option<u16>,
}

impl HostGuard {
    fn new(bound: SocketAddr) -> HostGuard {
        HostGuard {
            allowed: allowed_hosts(bound),
            any_address: bound.ip().is_unspecified().then_some(bound.port()),
        }
    }

    fn allows(&self, host: Option<&str>) -> bool {
        let Some(host) = host else { return false };
        if self.allowed.iter().any(|a| a == host) {
            return true;
        }
        // `192.168.1.5:8750` or `[fe80::1]:8750`: an address, never a name.
        self.any_address
            .is_some_and(|port| host.parse::<SocketAddr>().is_ok_and(|a| a.port() == port))
    }
}

impl Server {
    pub fn new(index_dir: &std::path::Path, bound: SocketAddr) -> Result<Server> {
        let state = IndexState::open(index_dir)?;
        Ok(Server {
            state,
            hosts: HostGuard::new(bound),
        })
    }

    /// The response to one request.
    pub fn respond(&self, req: &Request) -> Response {
        if !self.hosts.allows(req.host.as_deref()) {
            return refused(
                421,
                "this server answers only requests addressed to the address it listens on or to localhost (a DNS-rebinding guard): open the URL `diplo serve` printed",
            );
        }
        if req.method != "GET" && req.method != "HEAD" {
            return refused(
                405,
                "the explorer is read-only: it answers GET and HEAD requests only",
            )
            .with_header("Allow", "GET, HEAD".into());
        }
        routes::route(&self.state, req)
    }
}

fn allowed_hosts(bound: SocketAddr) -> Vec<String> {
    let port = bound.port();
    let mut hosts = vec![match bound {
        SocketAddr::V4(a) => format!("{}:{port}", a.ip()),
        SocketAddr::V6(a) => format!("[{}]:{port}", a.ip()),
    }];
    if bound.ip().is_loopback() || bound.ip().is_unspecified() {
        hosts.extend([
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ]);
    }
    if port == 80 {
        let bare: Vec<String> = hosts
            .iter()
            .filter_map(|h| h.strip_suffix(":80").map(str::to_string))
            .collect();
        hosts.extend(bare);
    }
    hosts
}

/// A refusal that is not the index's business: plain text, for browsers and scripts alike.
fn refused(status: u16, message: &str) -> Response {
    Response::new(
        status,
        "text/plain; charset=utf-8",
        format!("{} {}: {message}\n", status, http::reason(status)),
    )
}

pub fn run(args: &crate::cli::ServeArgs, global: &crate::cli::GlobalArgs) -> Result<()> {
    let dir = crate::index::locate_existing(global.index.as_deref())?;
    let listener = TcpListener::bind((args.bind, args.port)).with_context(|| {
        format!(
            "cannot listen on {}:{} (is another program using the port? choose another with --port, or --port 0 for any free one)",
            args.bind, args.port
        )
    })?;
    let bound = listener.local_addr()?;
    let server = Arc::new(Server::new(&dir, bound)?);
    let url = match bound {
        SocketAddr::V4(a) if a.ip().is_unspecified() => format!("http://127.0.0.1:{}/", a.port()),
        SocketAddr::V6(a) => format!("http://[{}]:{}/", a.ip(), a.port()),
        SocketAddr::V4(a) => format!("http://{}:{}/", a.ip(), a.port()),
    };
    // The URL alone on stdout, for scripts; the rest is for the person at the terminal.
    println!("{url}");
    std::io::stdout().flush()?;
    eprintln!(
        "diplo: serving the index in {} at {url} (read-only; Ctrl-C stops)",
        dir.display()
    );
    if !bound.ip().is_loopback() {
        eprintln!(
            "diplo: warning: listening on {}, so other machines can read this index",
            bound.ip()
        );
    }
    if args.open {
        open_browser(&url);
    }
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            let _ = http::write_response(
                &mut stream,
                refused(503, "too many connections at once: try again in a moment"),
                false,
                0.0,
            );
            continue;
        }
        let server = Arc::clone(&server);
        let active = Arc::clone(&active);
        let spawned = std::thread::Builder::new()
            .name("diplo-serve".into())
            .spawn(move || {
                serve_connection(&server, stream);
                active.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            eprintln!("diplo serve: cannot start a thread for a connection; dropped it");
        }
    }
    Ok(())
}

/// Reads one request, answers it and logs it: `GET /path 200 3.1 ms`.
fn serve_connection(server: &Server, mut stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    let request = match http::read_request(&mut stream) {
        Ok(r) => r,
        Err(BadRequest::Gone) => return,
        Err(BadRequest::TooLarge) => {
            let _ = http::write_response(
                &mut stream,
                refused(431, "the request is too large: shorten the query"),
                false,
                0.0,
            );
            finish(stream);
            return;
        }
        Err(BadRequest::Malformed(why)) => {
            let _ = http::write_response(&mut stream, refused(400, &why), false, 0.0);
            finish(stream);
            return;
        }
    };
    let started = Instant::now();
    // A panic in a handler is a bug; it costs this request a 500, never the server.
    let response =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| server.respond(&request)))
            .unwrap_or_else(|_| {
                refused(
                    500,
                    "diplo failed while answering this request (a bug: please report the URL)",
                )
            });
    let status = response.status;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let written = http::write_response(&mut stream, response, request.method == "HEAD", ms);
    let shown = if request.raw_query.is_empty() {
        request.path.clone()
    } else {
        format!("{}?{}", request.path, request.raw_query)
    };
    match written {
        Ok(_) => eprintln!("{} {shown} {status} {ms:.1} ms", request.method),
        Err(e) => eprintln!(
            "{} {shown} {status} {ms:.1} ms (not delivered: {e})",
            request.method
        ),
    }
    finish(stream);
}

/// Ends a connection without losing the response: the write side is closed first, and what
/// the client still sends (a body the server did not read, the rest of an oversized head) is
/// read and dropped for a moment, so that closing does not reset the connection under the
/// response.
fn finish(mut stream: TcpStream) {
    use std::io::Read;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_millis(500)));
    let mut sink = [0u8; 8 * 1024];
    let mut left: usize = 256 * 1024;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("diplo: cannot start {opener} to open the browser; open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_address_allows_addresses_but_no_names() {
        let guard = HostGuard::new("0.0.0.0:8750".parse().unwrap());
        assert!(guard.allows(Some("192.168.1.5:8750")));
        assert!(guard.allows(Some("[fe80::1]:8750")));
        assert!(guard.allows(Some("localhost:8750")));
        assert!(!guard.allows(Some("192.168.1.5:9999")));
        assert!(!guard.allows(Some("evil.example:8750")));
        assert!(!guard.allows(None));
        let loopback = HostGuard::new("127.0.0.1:8750".parse().unwrap());
        assert!(!loopback.allows(Some("192.168.1.5:8750")));
    }

    #[test]
    fn loopback_allows_localhost_and_nothing_else() {
        let hosts = allowed_hosts("127.0.0.1:8750".parse().unwrap());
        assert!(hosts.contains(&"localhost:8750".to_string()));
        assert!(hosts.contains(&"127.0.0.1:8750".to_string()));
        assert!(!hosts.iter().any(|h| h.contains("evil")));
        let lan = allowed_hosts("192.168.1.5:80".parse().unwrap());
        assert_eq!(lan, ["192.168.1.5:80", "192.168.1.5"]);
    }
}
