//! Rendering a loaded site into memory. This module only runs the steps in order; each
//! kind of output has its own module, and [`Renderer`] holds what they all read.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::{RenderReport, Site, assets, bodies, extras, feeds, pages, sections, taxonomies};
use crate::config::Config;
use crate::content::{Content, Permalink, Section, Taxonomies};
use crate::error::Result;
use crate::markdown;
use crate::math::CacheUse;
use crate::math::Typeset;
use crate::origin::{Input, Maker, Origin, shown};
use crate::output::Files;
use crate::render_cache::RenderCache;
use crate::sitemap;
use crate::templates::context::{Frame, PageFacts, SiteView};
use crate::templates::series::SeriesIndex;
use crate::templates::views;

/// Renders every output file of the site into memory.
pub fn render(site: &Site, cache: CacheUse) -> Result<(Files, RenderReport)> {
    render_with(site, cache, &RenderCache::single_build())
}

/// [`render`], reusing from `memo` every page's Markdown and every output file whose
/// inputs are unchanged since an earlier render (`folio serve` keeps one across rebuilds).
pub fn render_with(
    site: &Site,
    cache: CacheUse,
    memo: &RenderCache,
) -> Result<(Files, RenderReport)> {
    memo.set_templates(&site.templates);
    let bodies = bodies::render(site, cache, memo)?;
    let config = &site.config;
    let content = &site.content;
    let taxonomies = Taxonomies::collect(config, content);
    let home_feed = Permalink::new(config, &[""]).feed().url(config);
    let taxonomy_links = views::taxonomy_links(config, &taxonomies);
    let renderer = Renderer {
        site,
        config,
        content,
        memo,
        site_view: SiteView::new(config, home_feed, bodies.has_math, taxonomy_links),
        pages: views::page_facts(config, content, &taxonomies, &bodies.math, &bodies.pages),
        series: SeriesIndex::new(config, content),
        feed_summaries: feeds::summaries(config, content, &bodies),
        markdown: &bodies.pages,
        math: &bodies.math,
    };
    let mut made = Made {
        files: Files::default(),
        report: RenderReport {
            math: bodies.math.stats,
            warnings: bodies.warnings,
            ..RenderReport::default()
        },
        sitemap: Vec::new(),
    };
    assets::add(site, bodies.has_math, &mut made.files)?;
    pages::render(&renderer, &mut made)?;
    sections::render(&renderer, &bodies.sections, &mut made)?;
    taxonomies::render(&renderer, &taxonomies, &mut made)?;
    extras::render(&renderer, &mut made)?;
    // And the output marker, which the write adds.
    made.report.files = made.files.len() + 1;
    Ok((made.files, made.report))
}

/// What every kind of output reads, gathered once per render.
pub(super) struct Renderer<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub content: &'a Content,
    pub memo: &'a RenderCache,
    pub site_view: SiteView<'a>,
    /// What lists show of each page, by page index.
    pub pages: Vec<PageFacts<'a>>,
    pub series: SeriesIndex,
    /// Every page's rendered Markdown, by page index.
    pub markdown: &'a [Arc<markdown::Rendered>],
    /// Every page's summary as feeds show it, by page index.
    pub feed_summaries: Vec<String>,
    pub math: &'a Typeset,
}

impl Renderer<'_> {
    /// The frame of one output page; `description` falls back to the site's.
    pub fn frame(
        &self,
        title: String,
        description: Option<&str>,
        current_url: String,
        feed_url: Option<String>,
    ) -> Frame<'_> {
        self.site_view
            .frame(title, description, current_url, feed_url)
    }

    /// Renders template `name` into the page at `path`, made from `input`.
    pub fn page<F: Serialize, V: Serialize>(
        &self,
        made: &mut Made,
        path: PathBuf,
        (name, input): (&'static str, Option<Input>),
        frame: &F,
        vars: &V,
    ) -> Result<()> {
        let html = self
            .memo
            .template(&self.site.templates, &path, name, frame, vars)?;
        made.files
            .add(path, html, Origin::new(Maker::Template(name), input));
        made.report.pages += 1;
        Ok(())
    }

    /// The input of a section's page and feed: its `_index.md`, else its folder.
    pub fn section_input(&self, section: &Section) -> Input {
        match &section.source {
            Some(source) => Input::markdown(&source.path),
            None => Input::Folder(shown(&self.site.content_dir().join(&section.key))),
        }
    }

    pub fn config_input(&self, key: &'static str) -> Input {
        Input::config(&self.site.config_path(), key)
    }

    /// The document title of a page titled `title`: `TITLE | SITE`.
    pub fn document_title(&self, title: &str) -> String {
        format!("{title} | {}", self.config.title)
    }
}

/// What the render has made so far.
pub(super) struct Made<'a> {
    pub files: Files,
    pub report: RenderReport,
    /// Every page and list, for `sitemap.xml`.
    pub sitemap: Vec<sitemap::Entry<'a>>,
}
