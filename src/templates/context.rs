//! What templates see: serializable views of the site. Each page's view is made once
//! per build; lists borrow it rather than copy it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::languages::{LangView, TranslationView};
use super::series::SeriesView;
use crate::config::Config;
use crate::i18n::Words;
use crate::languages::Language;
use crate::markdown::{self, TocEntry};

/// `site` in every template, as one language sees it.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// The language's title, else the site's.
    pub title: &'a str,
    pub description: &'a str,
    pub author: &'a str,
    pub base_url: &'a str,
    /// The language's home: `base_url` or `base_url` + `KEY/`.
    pub root_url: String,
    /// Every language, in weight order.
    pub languages: &'a [LangView],
    pub feed_url: String,
    pub has_math: bool,
    /// The search page, when the site has search.
    pub search_url: Option<String>,
    pub menu: Vec<Link>,
    pub taxonomies: Vec<Link>,
    pub extra: &'a BTreeMap<String, toml::Value>,
    /// The current language, as `lang` beside `site`.
    #[serde(skip)]
    lang: &'a LangView,
    /// The language's words, which templates see beside `site` as `words`.
    #[serde(skip)]
    pub words: &'a Words,
}

impl<'a> SiteView<'a> {
    /// `site` for the pages of `lang`, whose view is `languages[lang.id]`.
    pub fn new(
        config: &'a Config,
        lang: &'a Language,
        languages: &'a [LangView],
        words: &'a Words,
        has_math: bool,
        taxonomies: Vec<Link>,
        search_url: Option<String>,
    ) -> Self {
        let root_url = lang.root.url(config);
        let menu = lang
            .menu
            .iter()
            .map(|m| Link {
                title: m.name.clone(),
                permalink: format!("{}{}", root_url, m.path.trim_start_matches('/')),
            })
            .collect();
        Self {
            title: &lang.title,
            description: &lang.description,
            author: &config.author,
            base_url: config.base_url.as_str(),
            root_url,
            languages,
            feed_url: lang.root.feed().url(config),
            has_math,
            search_url,
            menu,
            taxonomies,
            extra: &lang.extra,
            lang: &languages[lang.id.index()],
            words,
        }
    }

    /// The frame of one output page; `description` falls back to the site's.
    pub fn frame(
        &'a self,
        title: String,
        description: Option<&str>,
        current_url: String,
        feed_url: Option<String>,
        translations: Vec<TranslationView<'a>>,
    ) -> Frame<'a> {
        Frame {
            site: self,
            lang: self.lang,
            translations,
            words: self.words,
            title,
            description: description.unwrap_or(self.description).to_string(),
            current_url,
            feed_url,
            paginator: None,
        }
    }
}

/// The variables every template gets besides its own object.
#[derive(Debug, Serialize)]
pub struct Frame<'a> {
    pub site: &'a SiteView<'a>,
    /// The language of this page.
    pub lang: &'a LangView,
    /// This page in every language, in weight order.
    pub translations: Vec<TranslationView<'a>>,
    /// The theme's words in the page's language.
    pub words: &'a Words,
    /// The document title, for `<title>`.
    pub title: String,
    pub description: String,
    pub current_url: String,
    /// The feed of this page, for `<link rel="alternate">`.
    pub feed_url: Option<String>,
    /// On a list in pages: which page this is, and links to the others.
    pub paginator: Option<PaginatorView<'a>>,
}

/// `paginator`: one page of a list split by `paginate_by`, as Zola and Hugo name it.
#[derive(Debug, Serialize)]
pub struct PaginatorView<'a> {
    /// The pages on this page of the list.
    pub pages: Vec<PageView<'a>>,
    pub paginate_by: usize,
    /// This page's number, from 1.
    pub current_index: usize,
    pub number_pagers: usize,
    /// How many pages the whole list has.
    pub total_pages: usize,
    pub first: String,
    pub last: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Every page of the list, in order.
    pub pagers: Vec<Pager>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub permalink: String,
}

/// A page as lists show it: everything but its body. Made once per page.
#[derive(Debug, Serialize)]
pub struct PageFacts<'a> {
    /// The key of the page's language, so lists can mark pages of another language.
    pub lang: &'a str,
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
    #[serde(flatten)]
    pub uses: Uses,
}

/// What a page's or section's body needs beyond the theme's stylesheet, so a template
/// links KaTeX's and the highlighting stylesheet only where they are used.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Uses {
    /// The body has a formula: `katex.min.css`.
    pub has_math: bool,
    /// The body has highlighted code: `highlight.css`.
    pub has_code: bool,
}

impl Uses {
    pub fn of(md: Option<&markdown::Rendered>) -> Self {
        md.map_or_else(Uses::default, |md| Uses {
            has_math: !md.math.is_empty(),
            has_code: md.has_code,
        })
    }
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
    #[serde(flatten)]
    pub uses: Uses,
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
