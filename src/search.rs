//! Search, built in: Pagefind, run in process as a library, indexes the documents folio
//! gives it and hands back its bundle (one index per language, and the script, styles
//! and WebAssembly that search it in the browser) as files for the output. What goes in
//! a document is `site::search`'s business; this module only drives Pagefind.
//!
//! Pagefind sorts documents into indexes by the `lang` of their `<html>`, and segments
//! Chinese, Japanese and Thai text into words as it indexes (its `extended` feature).

use std::collections::HashMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use flate2::read::GzDecoder;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use serde::Serialize;

use crate::markdown::escape_html;

/// The bundle's folder below the site root.
pub const BUNDLE_DIR: &str = "pagefind";

/// One page to index.
#[derive(Serialize)]
pub struct Document {
    /// The page's path below the site root, `/en/posts/a/`: the browser puts the path of
    /// the root before it (the folder above `pagefind/`).
    pub url: String,
    /// The page's language code (`en`, `zh-CN`): each language gets its own index.
    pub lang: String,
    pub title: String,
    pub description: Option<String>,
    /// The page's content as HTML, with every formula as its TeX source.
    pub content: String,
}

impl Document {
    /// The page as Pagefind reads it: title, description and content, nothing else of
    /// the theme, so headers, menus and series lists never match a search.
    fn html(&self) -> String {
        let title = escape_html(&self.title);
        let description = self
            .description
            .as_deref()
            .map(|d| format!("<p>{}</p>\n", escape_html(d)))
            .unwrap_or_default();
        format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n{description}{}\n</body>\n</html>\n",
            escape_html(&self.lang),
            self.content
        )
    }
}

/// A file of the bundle.
#[derive(Clone)]
pub struct BundleFile {
    /// Below [`BUNDLE_DIR`]: `pagefind-entry.json`, `fragment/en_1a2b3c.pf_fragment`, …
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// For a page's fragment (its title, URL and text for showing a result), the
    /// document's position in what [`index`] was given.
    pub document: Option<usize>,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search: Pagefind could not {what}: {message}")]
    Pagefind { what: String, message: String },
    /// An output file already where search writes one, which it would overwrite.
    #[error("{by} writes {}, where the search {what} goes: give it another slug or name, or turn search off with `[search] enabled = false` in config.toml", path.display())]
    Taken {
        path: PathBuf,
        /// What made the file there (its origin).
        by: String,
        what: &'static str,
    },
    #[error("search: cannot start Pagefind's runtime: {0}")]
    Runtime(#[from] std::io::Error),
}

/// Indexes `documents`, skipping the elements `ignore` selects (CSS selectors), and
/// returns the bundle.
pub fn index(documents: &[Document], ignore: &[&str]) -> Result<Vec<BundleFile>, SearchError> {
    // Pagefind's API is async; its work runs on tokio's blocking threads.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let files = runtime.block_on(run_pagefind(documents, ignore))?;
    let by_url: HashMap<&str, usize> = (documents.iter().enumerate())
        .map(|(i, d)| (d.url.as_str(), i))
        .collect();
    Ok(files
        .into_iter()
        .map(|(path, bytes)| {
            let document =
                fragment_url(&path, &bytes).and_then(|url| by_url.get(url.as_str()).copied());
            BundleFile {
                path,
                bytes,
                document,
            }
        })
        .collect())
}

async fn run_pagefind(
    documents: &[Document],
    ignore: &[&str],
) -> Result<Vec<(PathBuf, Vec<u8>)>, SearchError> {
    let options = PagefindServiceConfig::builder()
        .exclude_selectors(ignore.iter().map(ToString::to_string).collect())
        .build();
    let mut index = PagefindIndex::new(Some(options)).map_err(failed("start".into()))?;
    for document in documents {
        index
            .add_html_file(None, Some(document.url.clone()), document.html())
            .await
            .map_err(failed(format!("index {}", document.url)))?;
    }
    let files = index
        .get_files()
        .await
        .map_err(failed("write its index".into()))?;
    Ok(files
        .into_iter()
        .map(|f| (f.filename, f.contents))
        .collect())
}

/// Pagefind's error (an `anyhow` chain, which `{:#}` shows whole) as ours.
fn failed<E: std::fmt::Display>(what: String) -> impl FnOnce(E) -> SearchError {
    move |e| SearchError::Pagefind {
        what,
        message: format!("{e:#}"),
    }
}

/// The URL a fragment file is about, read from the file: gzip of `pagefind_dcd` and
/// the page's JSON.
fn fragment_url(path: &Path, bytes: &[u8]) -> Option<String> {
    if path.extension()? != "pf_fragment" {
        return None;
    }
    let mut text = String::new();
    GzDecoder::new(bytes).read_to_string(&mut text).ok()?;
    let json = text.strip_prefix("pagefind_dcd")?;
    let fragment: serde_json::Value = serde_json::from_str(json).ok()?;
    Some(fragment.get("url")?.as_str()?.to_string())
}
