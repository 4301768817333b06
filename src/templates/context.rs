//! What templates see: plain serializable views of the site, built once per build.

use std::collections::BTreeMap;

use jiff::ZonedDateTime as Zoned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::markdown::TocEntry;

/// `site` in every template.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub author: &'a str,
    pub base_url: &'a str,
    /// The language's home: `base_url` or `base_url` + `LANG/`.
    pub root_url: String,
    pub language: &'a str,
    pub locale: &'a str,
    pub feed_url: String,
    pub has_math: bool,
    pub menu: Vec<Link>,
    pub taxonomies: Vec<Link>,
    pub extra: &'a BTreeMap<String, toml::Value>,
}

impl<'a> SiteView<'a> {
    pub fn new(
        config: &'a Config,
        feed_url: String,
        has_math: bool,
        taxonomies: Vec<Link>,
    ) -> Self {
        let root_url = config.language_root();
        let menu = config
            .menu
            .iter()
            .map(|m| Link {
                title: m.name.clone(),
                permalink: format!("{}{}", root_url, m.path.trim_start_matches('/')),
            })
            .collect();
        Self {
            title: &config.title,
            description: &config.description,
            author: &config.author,
            base_url: &config.base_url,
            root_url,
            language: &config.language.code,
            locale: &config.language.locale,
            feed_url,
            has_math,
            menu,
            taxonomies,
            extra: &config.extra,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub permalink: String,
}

/// A page, in full (`page`) or as a list entry (then `content` and `toc` are empty).
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub title: String,
    pub description: Option<String>,
    pub permalink: String,
    pub slug: String,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub summary: String,
    /// Whether `summary` is shorter than the page (a "read more" is due).
    pub truncated: bool,
    pub content: String,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    pub reading_time: usize,
    pub section: Link,
    /// Terms by taxonomy name, each with its page.
    pub taxonomies: BTreeMap<String, Vec<Link>>,
    pub series: Option<SeriesView>,
    pub series_order: Option<i64>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub extra: Map<String, Value>,
}

impl PageView {
    /// The same page without its body, for lists.
    pub fn entry(&self) -> PageView {
        PageView {
            content: String::new(),
            toc: Vec::new(),
            series: None,
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SeriesView {
    pub name: String,
    pub title: String,
    pub permalink: String,
    /// 1-based position of the current page.
    pub part: usize,
    pub total: usize,
    pub prev: Option<Link>,
    /// The next part, or the series page after the last part.
    pub next: Option<Link>,
    pub parts: Vec<SeriesPart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeriesPart {
    pub title: String,
    pub permalink: String,
    pub part: usize,
    pub current: bool,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub title: String,
    pub description: Option<String>,
    pub permalink: String,
    pub content: String,
    pub feed_url: String,
    pub pages: Vec<PageView>,
    pub subsections: Vec<Link>,
    pub extra: Map<String, Value>,
}

#[derive(Debug, Serialize)]
pub struct TaxonomyView {
    pub name: String,
    pub title: String,
    pub permalink: String,
    pub terms: Vec<TermView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub name: String,
    pub slug: String,
    pub permalink: String,
    pub feed_url: String,
    pub count: usize,
    /// Empty in `taxonomy.terms`; filled for the term's own page.
    pub pages: Vec<PageView>,
}

/// The variables every template gets besides its own object.
#[derive(Debug, Serialize)]
pub struct Frame<'a> {
    pub site: &'a SiteView<'a>,
    /// The document title, for `<title>`.
    pub title: String,
    pub description: String,
    pub current_url: String,
    /// The feed of this page, for `<link rel="alternate">`.
    pub feed_url: Option<String>,
}

/// "6 July 2025"
pub fn display_date(date: &Zoned) -> String {
    date.strftime("%-d %B %Y").to_string()
}

pub fn iso_date(date: &Zoned) -> String {
    date.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}
