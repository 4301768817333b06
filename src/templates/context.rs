//! What templates see: plain serializable views of the site, built once per build.

use std::collections::BTreeMap;

use jiff::ZonedDateTime as Zoned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::content::{self, Content, Permalink, Taxonomies, slugs};
use crate::markdown::{self, TocEntry};
use crate::math::{self, Output};

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

impl<'a> SiteView<'a> {
    /// The frame of one output page; `description` falls back to the site's.
    pub fn frame(
        &'a self,
        title: String,
        description: Option<String>,
        current_url: String,
        feed_url: Option<String>,
    ) -> Frame<'a> {
        Frame {
            site: self,
            title,
            description: description.unwrap_or_else(|| self.description.to_string()),
            current_url,
            feed_url,
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
    /// The same page without its body, for lists. Field by field, so the body (the
    /// bulk of a page) is never copied only to be dropped.
    pub fn entry(&self) -> PageView {
        PageView {
            title: self.title.clone(),
            description: self.description.clone(),
            permalink: self.permalink.clone(),
            slug: self.slug.clone(),
            date: self.date.clone(),
            date_display: self.date_display.clone(),
            updated: self.updated.clone(),
            updated_display: self.updated_display.clone(),
            summary: self.summary.clone(),
            truncated: self.truncated,
            content: String::new(),
            toc: Vec::new(),
            word_count: self.word_count,
            reading_time: self.reading_time,
            section: self.section.clone(),
            taxonomies: self.taxonomies.clone(),
            series: None,
            series_order: self.series_order,
            weight: self.weight,
            draft: self.draft,
            extra: self.extra.clone(),
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

/// Everything page views are made from, gathered once per build.
pub struct Views<'a> {
    pub config: &'a Config,
    pub content: &'a Content,
    pub math: &'a math::Rendered,
    pub taxonomies: &'a Taxonomies,
    series: BTreeMap<usize, SeriesView>,
}

impl<'a> Views<'a> {
    pub fn new(
        config: &'a Config,
        content: &'a Content,
        math: &'a math::Rendered,
        taxonomies: &'a Taxonomies,
    ) -> Self {
        let series = series_views(config, content);
        Views {
            config,
            content,
            math,
            taxonomies,
            series,
        }
    }

    /// Page `index` in full, its Markdown rendered as `md`.
    pub fn page(&self, index: usize, md: &markdown::Rendered) -> PageView {
        let config = self.config;
        let page = &self.content.pages[index];
        let meta = &page.source.meta;
        let section = self.content.sections.iter().find(|s| s.key == page.section);
        PageView {
            title: page.title().to_string(),
            description: meta.description.clone(),
            permalink: page.permalink.url(config),
            slug: page.slug.clone(),
            date: meta.date.as_ref().map(iso_date),
            date_display: meta.date.as_ref().map(display_date),
            updated: meta.updated.as_ref().map(iso_date),
            updated_display: meta.updated.as_ref().map(display_date),
            summary: markdown::absolutize(
                &self.math.fill(&md.summary, &md.math, Output::Page),
                &page.permalink.url(config),
            ),
            truncated: md.truncated,
            content: self.math.fill(&md.html, &md.math, Output::Page),
            toc: md.toc.clone(),
            word_count: md.word_count,
            reading_time: md.reading_time(),
            section: Link {
                title: section.map(|s| s.title.clone()).unwrap_or_default(),
                permalink: section.map(|s| s.permalink.url(config)).unwrap_or_default(),
            },
            taxonomies: self.page_terms(index),
            series: self.series.get(&index).cloned(),
            series_order: meta.series_order,
            weight: meta.weight,
            draft: meta.draft,
            extra: meta.extra.clone(),
        }
    }

    /// Every taxonomy's list page.
    pub fn taxonomy_links(&self) -> Vec<Link> {
        self.taxonomies
            .0
            .keys()
            .map(|name| Link {
                title: content::title_from_folder(name),
                permalink: Permalink::new(self.config, &[name.as_str()]).url(self.config),
            })
            .collect()
    }

    /// The terms page `index` carries, by taxonomy.
    fn page_terms(&self, index: usize) -> BTreeMap<String, Vec<Link>> {
        let mut out = BTreeMap::new();
        for (name, terms) in &self.taxonomies.0 {
            let links: Vec<Link> = terms
                .iter()
                .filter(|(_, (_, members))| members.contains(&index))
                .map(|(slug, (term, _))| Link {
                    title: term.clone(),
                    permalink: Permalink::new(self.config, &[name.as_str(), slug.as_str()])
                        .url(self.config),
                })
                .collect();
            if !links.is_empty() {
                out.insert(name.clone(), links);
            }
        }
        out
    }
}

/// The series view of every page in a series, by page index. The series page is the
/// section of the same name if there is one, else the series term page.
fn series_views(config: &Config, content: &Content) -> BTreeMap<usize, SeriesView> {
    let pages = &content.pages;
    let mut out = BTreeMap::new();
    for (name, members) in content::series_members(content) {
        let slug = slugs::from_name(config.slugs, &name);
        let series_page = content.sections.iter().find(|s| {
            let folder = s.key.rsplit('/').next().unwrap_or_default();
            !s.key.is_empty() && slugs::from_name(config.slugs, folder) == slug
        });
        let (title, permalink) = match series_page {
            Some(s) => (s.title.clone(), s.permalink.url(config)),
            None => (
                name.clone(),
                Permalink::new(config, &["series", slug.as_str()]).url(config),
            ),
        };
        let link = |i: usize| Link {
            title: pages[i].title().to_string(),
            permalink: pages[i].permalink.url(config),
        };
        for (pos, &i) in members.iter().enumerate() {
            let view = SeriesView {
                name: name.clone(),
                title: title.clone(),
                permalink: permalink.clone(),
                part: pos + 1,
                total: members.len(),
                prev: pos.checked_sub(1).map(|p| link(members[p])),
                next: Some(members.get(pos + 1).map_or_else(
                    || Link {
                        title: title.clone(),
                        permalink: permalink.clone(),
                    },
                    |&n| link(n),
                )),
                parts: members
                    .iter()
                    .enumerate()
                    .map(|(p, &m)| SeriesPart {
                        title: pages[m].title().to_string(),
                        permalink: pages[m].permalink.url(config),
                        part: p + 1,
                        current: m == i,
                    })
                    .collect(),
            };
            out.insert(i, view);
        }
    }
    out
}
