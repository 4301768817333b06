//! `folio serve`: builds the site into memory, serves it over HTTP, and rebuilds on every
//! change to its sources, reloading open pages. Nothing is written to the output folder.
//!
//! One thread watches, and shows an edited page at once when it can be rendered on its
//! own against the last build (the fast path, [`rebuild::FastPath`]); another rebuilds
//! the whole site after every change; a small tokio runtime serves requests. They share
//! the [`Snapshot`]: the last good output (swapped whole after each successful rebuild),
//! the pages shown ahead of the next, and the last error.

mod http;
mod limits;
mod rebuild;
mod snapshot;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use crate::content::ReadCache;
use crate::error::{Error, Result};
use crate::render_cache::RenderCache;
use crate::site::BuildOptions;
use limits::{AllowedHosts, LimitedListener};
use rebuild::{FastPath, Rebuilder};
pub use snapshot::{Shared, Snapshot};

pub const DEFAULT_PORT: u16 = 1111;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 for any free port.
    pub port: u16,
    pub drafts: bool,
    /// Print where each rebuild's time went.
    pub timings: bool,
}

/// Serves until interrupted.
pub fn run(options: &ServeOptions) -> Result<()> {
    let address = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(address).map_err(|e| Error::Serve {
        subject: address.to_string(),
        message: match e.kind() {
            std::io::ErrorKind::AddrInUse => "the port is in use (another folio serve?): stop that, or pass --port N for another port, or --port 0 for any free one".to_string(),
            _ => format!("cannot listen: {e}; pass another --bind or --port"),
        },
    })?;
    let address = listener.local_addr().map_err(|e| Error::Serve {
        subject: address.to_string(),
        message: format!("cannot read the listening address: {e}"),
    })?;
    let build_options = BuildOptions {
        root: options.root.clone(),
        output: None,
        base_url: Some(format!("http://{address}/")),
        drafts: options.drafts,
        cache: crate::math::CacheUse::ReadWrite,
    };

    let highlighter = Arc::new(OnceLock::new());
    let model = Arc::new(Mutex::new(None));
    let mut rebuilder = Rebuilder {
        options: build_options,
        memo: RenderCache::default().with_highlighter(highlighter.clone()),
        reads: ReadCache::default(),
        timings: options.timings,
        model: model.clone(),
    };
    let shared = Arc::new(Shared::default());
    rebuilder.rebuild(&shared, "start", 0);
    let rebuilds = rebuilder.start(shared.clone())?;
    let mut fast = FastPath {
        model,
        highlighter,
        batch: 0,
    };
    // The watcher lives as long as this function, which serves until interrupted.
    let _watcher = watch::start(&options.root, {
        let shared = shared.clone();
        move |changed: &[PathBuf]| fast.show_then_rebuild(&shared, changed, &rebuilds)
    })?;
    println!(
        "serving {} at http://{address}/ (Ctrl-C to stop)",
        options.root.display()
    );
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: --bind {}: the site is reachable from the network, not only from this machine; it answers requests for {address} and localhost",
            options.bind
        );
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Serve {
            subject: address.to_string(),
            message: format!("cannot start the HTTP server: {e}"),
        })?;
    runtime
        .block_on(async move {
            listener.set_nonblocking(true)?;
            let listener = LimitedListener::new(tokio::net::TcpListener::from_std(listener)?);
            axum::serve(listener, http::router(shared, AllowedHosts::new(address))).await
        })
        .map_err(|e| Error::Serve {
            subject: address.to_string(),
            message: format!("the HTTP server stopped: {e}"),
        })
}
