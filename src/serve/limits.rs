//! What `folio serve` accepts: requests whose `Host` names this server (a defence against
//! DNS rebinding, as Vite's `server.allowedHosts`), without a body, with a bounded target,
//! over a bounded number of connections.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::{Request, State};
use axum::http::uri::Authority;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::serve::Listener;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Open connections at once; each open page holds one for its reload events. Further
/// connections wait until one closes.
pub const MAX_CONNECTIONS: usize = 64;
/// The longest request target (path and query) answered.
pub const MAX_TARGET: usize = 8 * 1024;

/// The `Host` values a request may carry: the bound address, `localhost`, `127.0.0.1`
/// or `[::1]`, with the port. A page of another site whose name an attacker resolves to
/// this machine sends that name, and is refused.
#[derive(Debug, Clone, Copy)]
pub struct AllowedHosts {
    bound: IpAddr,
    port: u16,
}

impl AllowedHosts {
    pub fn new(address: SocketAddr) -> Self {
        Self {
            bound: address.ip(),
            port: address.port(),
        }
    }

    pub fn allows(&self, host: &str) -> bool {
        let Ok(authority) = host.trim().parse::<Authority>() else {
            return false;
        };
        let port = authority.port_u16().unwrap_or(80);
        let name = authority.host().to_ascii_lowercase();
        if port != self.port {
            return false;
        }
        if name == "localhost" {
            return true;
        }
        // An address, never a name, when bound to all interfaces (0.0.0.0, ::): a
        // rebinding attack needs a name.
        match name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            Ok(ip) => ip.is_loopback() || ip == self.bound || self.bound.is_unspecified(),
            Err(_) => false,
        }
    }
}

/// Refuses requests for another host (403), with a body (413) or too long a target (414).
pub async fn check_request(
    State(hosts): State<AllowedHosts>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| request.uri().authority().map(Authority::as_str));
    if !host.is_some_and(|h| hosts.allows(h)) {
        let text = "403 Forbidden: folio serve answers only requests for localhost, 127.0.0.1, [::1] or the address it is bound to\n";
        return (StatusCode::FORBIDDEN, text).into_response();
    }
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if target > MAX_TARGET {
        return (StatusCode::URI_TOO_LONG, "414 URI Too Long\n").into_response();
    }
    let has_body = request.headers().contains_key(header::TRANSFER_ENCODING)
        || request
            .headers()
            .get(header::CONTENT_LENGTH)
            .is_some_and(|v| v.as_bytes() != b"0");
    if has_body {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "413 Content Too Large: folio serve takes no request bodies\n",
        )
            .into_response();
    }
    next.run(request).await
}

/// A listener that holds at most `MAX_CONNECTIONS` connections open at once.
pub struct LimitedListener {
    inner: TcpListener,
    permits: Arc<Semaphore>,
}

impl LimitedListener {
    pub fn new(inner: TcpListener) -> Self {
        Self {
            inner,
            permits: Arc::new(Semaphore::new(MAX_CONNECTIONS)),
        }
    }
}

impl Listener for LimitedListener {
    type Io = Counted;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Counted, SocketAddr) {
        // The semaphore is never closed, so a permit always comes.
        let permit = self.permits.clone().acquire_owned().await.ok();
        let (io, address) = Listener::accept(&mut self.inner).await;
        (
            Counted {
                io,
                _permit: permit,
            },
            address,
        )
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        Listener::local_addr(&self.inner)
    }
}

/// A connection that gives its place back when closed.
pub struct Counted {
    io: TcpStream,
    _permit: Option<OwnedSemaphorePermit>,
}

impl AsyncRead for Counted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_naming_this_server_only() {
        let local = AllowedHosts::new("127.0.0.1:1111".parse().unwrap());
        for host in [
            "localhost:1111",
            "127.0.0.1:1111",
            "[::1]:1111",
            "LOCALHOST:1111",
        ] {
            assert!(local.allows(host), "{host}");
        }
        for host in [
            "attacker.example",
            "attacker.example:1111",
            "localhost:2222",
            "localhost",
            "192.168.1.5:1111",
            "",
        ] {
            assert!(!local.allows(host), "{host}");
        }
        let lan = AllowedHosts::new("192.168.1.5:80".parse().unwrap());
        assert!(lan.allows("192.168.1.5") && lan.allows("localhost:80"));
        let any = AllowedHosts::new("0.0.0.0:1111".parse().unwrap());
        assert!(any.allows("10.0.0.7:1111"));
        assert!(!any.allows("evil.example:1111"));
    }
}
