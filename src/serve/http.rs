//! The HTTP side of `folio serve`: maps request paths onto the in-memory output (and only
//! onto it), sets content types, and injects the reload script and the error overlay.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use serde::Deserialize;

use super::limits::{AllowedHosts, check_request};
use super::{Shared, Snapshot};
use crate::markdown::escape_html;
use crate::output::{FileContent, Files};

/// Where pages listen for rebuilds. No page can be served here: page URLs end in `/`,
/// so even a `content/__folio/events.md` is `/__folio/events/`.
pub const EVENTS_PATH: &str = "/__folio/events";

pub fn router(shared: Arc<Shared>, hosts: AllowedHosts) -> Router {
    Router::new()
        .route(EVENTS_PATH, axum::routing::get(events))
        .fallback(file)
        .with_state(shared)
        .layer(axum::middleware::from_fn_with_state(hosts, check_request))
}

#[derive(Deserialize)]
struct Since {
    /// The site version the page was served from.
    #[serde(default)]
    since: u64,
}

/// Server-sent events: one `reload` as soon as the site's version differs from the
/// page's, so a rebuild that finished before the page connected is not missed.
async fn events(
    State(shared): State<Arc<Shared>>,
    Query(Since { since }): Query<Since>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.versions.subscribe();
    let stream = stream::unfold((receiver, since), |(mut receiver, since)| async move {
        loop {
            let current = *receiver.borrow_and_update();
            if current != since {
                let event = Event::default().event("reload").data(current.to_string());
                return Some((Ok(event), (receiver, current)));
            }
            // Closed only when the server shuts down.
            receiver.changed().await.ok()?;
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed\n");
    }
    let snapshot = shared.snapshot();
    match resolve(&snapshot.files, uri.path()) {
        Lookup::File(key) => serve_file(&snapshot, &key, StatusCode::OK).await,
        Lookup::Redirect(mut to) => {
            if let Some(query) = uri.query() {
                to.push('?');
                to.push_str(query);
            }
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(value) = HeaderValue::from_str(&to) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Lookup::Forbidden => plain(StatusCode::FORBIDDEN, "403 Forbidden\n"),
        Lookup::NotFound => {
            let not_found = Path::new("404.html");
            if snapshot.files.contains(not_found) {
                serve_file(&snapshot, not_found, StatusCode::NOT_FOUND).await
            } else if snapshot.error.is_some() {
                // No good build yet: every page is the error.
                html_response(StatusCode::NOT_FOUND, error_page(&snapshot))
            } else {
                plain(StatusCode::NOT_FOUND, "404 Not Found\n")
            }
        }
    }
}

async fn serve_file(snapshot: &Snapshot, key: &Path, status: StatusCode) -> Response {
    let bytes = match snapshot.file(key) {
        Some(FileContent::Bytes(bytes)) => bytes.clone(),
        Some(FileContent::Copy(from)) => match read_regular_file(from).await {
            Some(bytes) => bytes,
            None => return plain(StatusCode::NOT_FOUND, "404 Not Found\n"),
        },
        // `folio serve` renders into memory, where nothing is staged.
        Some(FileContent::Written) | None => {
            return plain(StatusCode::NOT_FOUND, "404 Not Found\n");
        }
    };
    let content_type = content_type(key);
    if content_type.as_bytes().starts_with(b"text/html") {
        return html_response(status, inject(&bytes, snapshot));
    }
    let mut response = (status, bytes).into_response();
    set_headers(&mut response, content_type);
    response
}

/// A file from `static/`, read now so edits show without a rebuild; never through a
/// symbolic link, which could lead out of the site.
async fn read_regular_file(path: &Path) -> Option<Vec<u8>> {
    let meta = tokio::fs::symlink_metadata(path).await.ok()?;
    if !meta.is_file() {
        return None;
    }
    tokio::fs::read(path).await.ok()
}

fn html_response(status: StatusCode, html: Vec<u8>) -> Response {
    let mut response = (status, html).into_response();
    set_headers(
        &mut response,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut response = (status, Body::from(text)).into_response();
    set_headers(
        &mut response,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

fn set_headers(response: &mut Response, content_type: HeaderValue) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, content_type);
    // Every response may be stale after the next edit.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The key of an output file.
    File(PathBuf),
    /// A folder asked for without its trailing slash: where to send the browser.
    Redirect(String),
    Forbidden,
    NotFound,
}

/// Finds the output file for a request path. The path is percent-decoded, then split
/// into segments; any `..` or backslash is refused outright rather than resolved, and
/// the result is only ever a key of `files`, never a path on disk.
pub fn resolve(files: &Files, raw_path: &str) -> Lookup {
    if raw_path.contains('\\') || !raw_path.starts_with('/') {
        return Lookup::Forbidden;
    }
    let Ok(path) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Lookup::Forbidden;
    };
    if path.contains(['\\', '\0']) {
        return Lookup::Forbidden;
    }
    let mut segments = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Lookup::Forbidden,
            s => segments.push(s),
        }
    }
    let key: PathBuf = segments.iter().collect();
    if path.ends_with('/') {
        let index = key.join("index.html");
        return match files.contains(&index) {
            true => Lookup::File(index),
            false => Lookup::NotFound,
        };
    }
    if files.contains(&key) {
        Lookup::File(key)
    } else if files.contains(&key.join("index.html")) {
        Lookup::Redirect(format!("{raw_path}/"))
    } else {
        Lookup::NotFound
    }
}

/// The content type of an output file, from its extension; folio writes text as UTF-8.
pub fn content_type(path: &Path) -> HeaderValue {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let value = if mime.type_() == mime_guess::mime::TEXT {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    };
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static("application/octet-stream"))
}

/// The script that reloads the page after each rebuild.
fn reload_script(version: u64) -> String {
    format!(
        "<script>/* folio serve: reload after each rebuild */(() => {{ const events = new EventSource(\"{EVENTS_PATH}?since={version}\"); events.addEventListener(\"reload\", () => {{ events.close(); location.reload(); }}); }})();</script>\n"
    )
}

/// The last build error, over the whole page, until a rebuild succeeds.
fn overlay(error: &str) -> String {
    let text = escape_html(error);
    format!(
        "<div id=\"folio-error\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(40,0,0,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap\"><strong>folio: the rebuild failed; this is the last good version of the page. Fix this and save:</strong>\n\n{text}</div>\n"
    )
}

/// The page with the reload script (and the overlay, if the last rebuild failed) placed
/// before its last `</body>`, or at the end if it has none.
fn inject(html: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    let mut extra = snapshot.error.as_deref().map(overlay).unwrap_or_default();
    extra.push_str(&reload_script(snapshot.version));
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Shown for every page while the site has never built.
fn error_page(snapshot: &Snapshot) -> Vec<u8> {
    inject(
        b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Build failed</title></head><body></body></html>\n",
        snapshot,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::origin::Origin;

    fn site() -> Files {
        let mut files = Files::default();
        for (path, bytes) in [
            ("index.html", "home"),
            ("en/posts/a/index.html", "a"),
            ("folio.css", "css"),
        ] {
            files.add(path, bytes.into(), Origin::built_in());
        }
        files
    }

    #[test]
    fn resolves_files_folders_and_redirects() {
        let files = site();
        assert_eq!(resolve(&files, "/"), Lookup::File("index.html".into()));
        assert_eq!(
            resolve(&files, "/en/posts/a/"),
            Lookup::File("en/posts/a/index.html".into())
        );
        assert_eq!(
            resolve(&files, "/en//posts/./a/index.html"),
            Lookup::File("en/posts/a/index.html".into())
        );
        assert_eq!(
            resolve(&files, "/en/posts/a"),
            Lookup::Redirect("/en/posts/a/".into())
        );
        assert_eq!(
            resolve(&files, "/folio%2ecss"),
            Lookup::File("folio.css".into())
        );
        assert_eq!(resolve(&files, "/en/posts/b/"), Lookup::NotFound);
    }

    #[test]
    fn refuses_every_way_out() {
        let files = site();
        for path in [
            "/../../etc/passwd",
            "/en/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2fetc/passwd",
            "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
            "/..\\..\\etc\\passwd",
            "/%5c..%5cetc/passwd",
            "/%00",
            "/%ff",
            "etc/passwd",
        ] {
            assert_eq!(resolve(&files, path), Lookup::Forbidden, "{path}");
        }
    }

    #[test]
    fn content_types() {
        for (file, expected) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("folio.css", "text/css; charset=utf-8"),
            ("en/index.xml", "text/xml; charset=utf-8"),
            ("katex/fonts/KaTeX_Main-Regular.woff2", "font/woff2"),
            ("img/a.PNG", "image/png"),
            ("logo.svg", "image/svg+xml"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("katex/fonts/KaTeX_Main-Regular.ttf", "font/ttf"),
            ("paper.pdf", "application/pdf"),
            ("data.json", "application/json"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("blob", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(file)), expected, "{file}");
        }
    }

    #[test]
    fn injects_before_the_last_body_end() {
        let mut snapshot = Snapshot::empty();
        snapshot.error = Some("content/a.md:2:1: bad <thing>".into());
        snapshot.version = 7;
        let html = inject(b"<html><body><p>x</p></BODY></html>", &snapshot);
        let html = String::from_utf8(html).unwrap();
        let overlay_at = html.find("id=\"folio-error\"").unwrap();
        let script_at = html.find("/__folio/events?since=7").unwrap();
        let body_end = html.find("</BODY>").unwrap();
        assert!(overlay_at < script_at && script_at < body_end, "{html}");
        assert!(
            html.contains("content/a.md:2:1: bad &lt;thing&gt;"),
            "{html}"
        );
    }
}
