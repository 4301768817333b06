//! What templates see: serializable views of the site. Each page's view is made once
//! per build; lists borrow it rather than copy it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::series::SeriesView;
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
            base_url: config.base_url.as_str(),
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

    /// The frame of one output page; `description` falls back to the site's.
    pub fn frame(
        &'a self,
        title: String,
        description: Option<&str>,
        current_url: String,
        feed_url: Option<String>,
    ) -> Frame<'a> {
        Frame {
            site: self,
            title,
            description: description.unwrap_or(self.description).to_string(),
            current_url,
            feed_url,
        }
    }
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

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub permalink: String,
}

/// A page as lists show it: everything but its body. Made once per page.
#[derive(Debug, Serialize)]
pub struct PageFacts<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub permalink: String,
    pub slug: &'a str,
    pub date: Option<String>,
    pub date_display: Option<String>,
    pub updated: Option<String>,
    pub updated_display: Option<String>,
    pub summary: String,
    /// Whether `summary` is shorter than the page (a "read more" is due).
    pub truncated: bool,
    pub word_count: usize,
    pub reading_time: usize,
    pub section: Link,
    /// Terms by taxonomy name, each with its page.
    pub taxonomies: BTreeMap<&'a str, Vec<Link>>,
    pub series_order: Option<i64>,
    pub weight: Option<i64>,
    pub draft: bool,
    pub extra: &'a Map<String, Value>,
}

impl<'a> PageFacts<'a> {
    /// The page as a list entry: no body, no table of contents, no series.
    pub fn entry(&'a self) -> PageView<'a> {
        PageView {
            facts: self,
            content: "",
            toc: &[],
            series: None,
        }
    }
}

/// `page`: a page in full, or (in lists) as an entry with an empty body.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    #[serde(flatten)]
    pub facts: &'a PageFacts<'a>,
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub series: Option<SeriesView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub permalink: String,
    pub content: String,
    pub feed_url: String,
    pub pages: Vec<PageView<'a>>,
    pub subsections: Vec<Link>,
    pub extra: Cow<'a, Map<String, Value>>,
}

#[derive(Debug, Serialize)]
pub struct TaxonomyView<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub permalink: String,
    pub terms: Vec<TermView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub permalink: String,
    pub feed_url: String,
    pub count: usize,
    /// Empty in `taxonomy.terms`; filled for the term's own page.
    pub pages: Vec<PageView<'a>>,
}
