//! `folio serve`: builds the site into memory, serves it over HTTP, and rebuilds on every
//! change to its sources, reloading open pages. Nothing is written to the output folder.
//!
//! One thread watches and rebuilds; a small tokio runtime serves requests. They share
//! the last good output (swapped whole after each successful rebuild) and the last error.

mod http;
mod limits;
mod watch;

use std::fmt::Write as _;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::watch as channel;

use crate::content::ReadCache;
use crate::error::{Error, Result};
use crate::origin::{Input, Origin};
use crate::output::Files;
use crate::render_cache::{RenderCache, Rerendered};
use crate::site::{self, BuildOptions, Site};
use crate::timings::{Phase, Table};
use limits::{AllowedHosts, LimitedListener};

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

/// What requests are answered from: the last good output, and the error of the last
/// rebuild if it failed.
pub struct Snapshot {
    pub files: Arc<Files>,
    pub error: Option<String>,
    /// Counts rebuilds, good or bad; pages reload when it moves.
    pub version: u64,
}

pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    versions: channel::Sender<u64>,
}

impl Shared {
    fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn publish(&self, files: Option<Files>, error: Option<String>) {
        let mut slot = self
            .snapshot
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let version = slot.version + 1;
        *slot = Arc::new(Snapshot {
            files: files.map_or_else(|| slot.files.clone(), Arc::new),
            error,
            version,
        });
        drop(slot);
        self.versions.send_replace(version);
    }
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

    let mut rebuilder = Rebuilder {
        options: build_options,
        memo: RenderCache::default(),
        reads: ReadCache::default(),
        timings: options.timings,
    };
    let (versions, _) = channel::channel(0);
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Arc::new(Snapshot {
            files: Arc::new(Files::default()),
            error: None,
            version: 0,
        })),
        versions,
    });
    rebuilder.rebuild(&shared, "start");
    // The watcher lives as long as this function, which serves until interrupted.
    let _watcher = watch::start(&options.root, {
        let shared = shared.clone();
        move |changed: &[PathBuf]| {
            rebuilder.reads.forget(changed);
            rebuilder.rebuild(&shared, &describe_changes(changed));
        }
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

/// What rebuilds keep from one to the next.
struct Rebuilder {
    options: BuildOptions,
    memo: RenderCache,
    reads: ReadCache,
    /// Whether to print each rebuild's phases.
    timings: bool,
}

impl Rebuilder {
    /// Builds the site again, publishes the result (or the error, keeping the last
    /// good output), and logs what was re-rendered and how long it took.
    fn rebuild(&mut self, shared: &Shared, why: &str) {
        let start = Instant::now();
        let options = &self.options;
        let loaded = (self.memo.timings()).phase(Phase::Load, || {
            Site::load_reusing(options, Some(&mut self.reads))
        });
        let result =
            loaded.and_then(|mut site| site::render_with(&mut site, options.cache, &self.memo));
        let rerendered = self.memo.take_rerendered();
        let elapsed = start.elapsed();
        match result {
            Ok((files, report)) => {
                for warning in &report.warnings {
                    eprintln!("{warning}");
                }
                let summary = summary(&options.root, &rerendered, &files, elapsed);
                println!("{why}: {summary}");
                shared.publish(Some(files), None);
            }
            Err(e) => {
                let serving = if shared.snapshot().files.is_empty() {
                    "every page shows this error until it is fixed"
                } else {
                    "still serving the last good site"
                };
                eprintln!(
                    "{why}: rebuild failed in {} ms; {serving}:\nerror: {e}",
                    elapsed.as_millis()
                );
                shared.publish(None, Some(e.to_string()));
            }
        }
        if self.timings {
            let timings = self.memo.take_timings();
            let total = start.elapsed();
            print!(
                "{}",
                Table {
                    timings: &timings,
                    total
                }
            );
        }
    }
}
/// `content/posts/a.md changed`, or `3 files changed (…)`, from paths relative to the site.
fn describe_changes(changed: &[PathBuf]) -> String {
    let names: Vec<String> = changed
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    match names.as_slice() {
        [one] => format!("{one} changed"),
        many => format!("{} files changed ({})", many.len(), list(many, 4)),
    }
}

/// `rebuilt in 12 ms: Markdown of content/a.md; re-rendered 1 pages (en/a/index.html
/// (page.html from content/a.md:1)); 60 reused`
fn summary(root: &Path, rerendered: &Rerendered, files: &Files, elapsed: Duration) -> String {
    let mut out = format!("rebuilt in {} ms", elapsed.as_millis());
    if !rerendered.markdown.is_empty() {
        let names: Vec<String> = rerendered
            .markdown
            .iter()
            .map(|p| relative(root, p))
            .collect();
        let _ = write!(out, "; Markdown of {}", list(&names, 6));
    }
    let (feeds, pages): (Vec<&PathBuf>, Vec<&PathBuf>) = rerendered
        .outputs
        .iter()
        .partition(|p| p.extension().is_some_and(|e| e == "xml"));
    let pages: Vec<String> = pages.iter().map(|p| with_origin(root, p, files)).collect();
    let mut parts = Vec::new();
    if !pages.is_empty() {
        parts.push(format!("{} pages ({})", pages.len(), list(&pages, 20)));
    }
    if !feeds.is_empty() {
        parts.push(format!("{} feeds", feeds.len()));
    }
    if parts.is_empty() {
        out.push_str("; nothing re-rendered");
    } else {
        let _ = write!(out, "; re-rendered {}", parts.join(" and "));
    }
    if rerendered.search {
        out.push_str("; search index made afresh");
    }
    let _ = write!(out, "; {} reused", rerendered.reused);
    out
}

/// `en/a/index.html (page.html from content/a.md:1)`, from the origin the render recorded.
fn with_origin(root: &Path, output: &Path, files: &Files) -> String {
    let name = output.to_string_lossy().replace('\\', "/");
    match files.origin(output) {
        Some(Origin {
            maker,
            input: Some(Input::Markdown { path, line }),
        }) => format!("{name} ({maker} from {}:{line})", relative(root, path)),
        Some(origin) => format!("{name} ({origin})"),
        None => name,
    }
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The first `max` names, then how many more.
fn list(names: &[String], max: usize) -> String {
    let mut out = names
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > max {
        let _ = write!(out, " and {} more", names.len() - max);
    }
    out
}
