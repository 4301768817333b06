//! Telling what a link points to, and resolving an internal one to the output file and
//! element it names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;
use url::Url;

use super::parse::Parsed;
use crate::output::Files;
use crate::site::Site;

pub enum Target {
    /// A path below the site's origin, with its fragment (still percent-encoded).
    Internal { path: String, fragment: String },
    /// A URL on another site, without its fragment, which never reaches the server.
    External(String),
    /// mailto:, tel:, data: and the like.
    Other,
    /// Not a URL at all: why.
    Malformed(String),
}

/// What the link `value`, found on the output file `page`, points to, resolved against
/// the page's URL as a browser would.
pub fn classify(site: &Site, page: &Path, value: &str) -> Target {
    let Some(page_url) = page_url(site, page) else {
        return Target::Other;
    };
    let mut url = match page_url.join(value) {
        Ok(url) => url,
        Err(e) => return Target::Malformed(format!("it is not a valid URL ({e}): fix it")),
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Target::Other;
    }
    let fragment = url.fragment().unwrap_or_default().to_string();
    if url.origin() != page_url.origin() {
        // The fragment never reaches the server.
        url.set_fragment(None);
        return Target::External(url.into());
    }
    Target::Internal {
        path: url.path().to_string(),
        fragment,
    }
}

/// The URL a page is served at: `BASE/en/a/` for `en/a/index.html`.
fn page_url(site: &Site, page: &Path) -> Option<Url> {
    let rel = page.to_string_lossy().replace('\\', "/");
    let rel = rel.strip_suffix("index.html").unwrap_or(&rel);
    // `./` keeps a first segment with a colon from reading as a scheme.
    site.config.base_url.as_url().join(&format!("./{rel}")).ok()
}

/// What is wrong with an internal link to `path#fragment`, if anything: no output file
/// at `path`, or no element with the fragment's id on the page there.
pub fn problem(
    site: &Site,
    files: &Files,
    pages: &BTreeMap<PathBuf, Parsed>,
    path: &str,
    fragment: &str,
) -> Option<String> {
    let target = match lookup(site, files, path) {
        Ok(target) => target,
        Err(problem) => return Some(problem),
    };
    let fragment = percent_decode_str(fragment).decode_utf8_lossy();
    // Only pages have ids; other files (images, feeds) take the fragment as they will.
    let ids = &pages.get(&target)?.ids;
    // `#` alone and `#top` scroll to the top without an element.
    if fragment.is_empty() || fragment == "top" || ids.contains(&*fragment) {
        return None;
    }
    Some(format!(
        "{} has no element with id=\"{fragment}\": fix the anchor, or give a heading that id with `{{#{fragment}}}`",
        target.display()
    ))
}

/// The output file a site path names, or why there is none.
fn lookup(site: &Site, files: &Files, path: &str) -> Result<PathBuf, String> {
    // A resolved URL's path has no `.` or `..` segments left.
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_decode_str(s).decode_utf8_lossy().into_owned())
        .collect();
    let joined = format!("/{}", segments.join("/"));
    let base = site.config.base_path();
    let Some(rel) = format!("{joined}/")
        .strip_prefix(base)
        .map(|r| r.trim_end_matches('/').to_string())
    else {
        return Err(format!(
            "it is outside the site, whose pages are all below {base}"
        ));
    };
    let key = PathBuf::from(&rel);
    let index = key.join("index.html");
    let wants_folder = path.ends_with('/') || rel.is_empty();
    if !wants_folder && files.contains(&key) {
        Ok(key)
    } else if files.contains(&index) {
        Ok(index)
    } else {
        Err(format!(
            "no page or file at {} (looked for {})",
            if rel.is_empty() { "/" } else { &rel },
            if wants_folder {
                index.display().to_string()
            } else {
                format!("{} and {}", key.display(), index.display())
            }
        ))
    }
}
