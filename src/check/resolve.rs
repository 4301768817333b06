//! Telling what a link points to, and resolving an internal one to the output file and
//! element it names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

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
}

/// What the link `value`, found on the output file `page`, points to.
pub fn classify(site: &Site, page: &Path, value: &str) -> Target {
    let scheme = value
        .find(':')
        .filter(|&i| {
            i > 0
                && value[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
        .map(|i| value[..i].to_ascii_lowercase());
    let (path_and_fragment, base) = match scheme.as_deref() {
        Some("http" | "https") => match value.strip_prefix(site.config.origin()) {
            Some(rest) if rest.is_empty() || rest.starts_with(['/', '?', '#']) => (rest, None),
            _ => return external(value),
        },
        Some(_) => return Target::Other,
        None if value.starts_with("//") => return external(&format!("https:{value}")),
        None => (value, Some(page_url_path(site, page))),
    };
    let (before_fragment, fragment) = path_and_fragment
        .split_once('#')
        .unwrap_or((path_and_fragment, ""));
    let path = before_fragment
        .split_once('?')
        .map_or(before_fragment, |(p, _)| p);
    let path = match (path.starts_with('/'), base) {
        (true, _) | (false, None) => path.to_string(),
        (false, Some(base)) if path.is_empty() => base,
        (false, Some(base)) => {
            let dir = &base[..base.rfind('/').map_or(0, |i| i + 1)];
            format!("{dir}{path}")
        }
    };
    Target::Internal {
        path: if path.is_empty() { "/".into() } else { path },
        fragment: fragment.to_string(),
    }
}

fn external(url: &str) -> Target {
    Target::External(url.split_once('#').map_or(url, |(u, _)| u).to_string())
}

/// The site path a page is served at: `/en/a/` for `en/a/index.html`.
fn page_url_path(site: &Site, page: &Path) -> String {
    let rel = page.to_string_lossy().replace('\\', "/");
    let rel = rel.strip_suffix("index.html").unwrap_or(&rel);
    format!("{}{rel}", site.config.base_path())
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
    let mut segments: Vec<String> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if segments.pop().is_none() {
                    return Err("it points above the site's root".into());
                }
            }
            s => segments.push(percent_decode_str(s).decode_utf8_lossy().into_owned()),
        }
    }
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
