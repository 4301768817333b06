//! Rendering a loaded site into memory. This module only runs the steps in order; each
//! kind of output has its own module, and [`Renderer`] holds what they all read.

use jiff::ZonedDateTime as Zoned;
use rayon::prelude::*;

use super::{RenderReport, Site, assets, bodies, extras, feeds, pages, sections, taxonomies};
use crate::config::Config;
use crate::content::{Content, Permalink, Taxonomies};
use crate::error::Result;
use crate::languages::{LangId, Language};
use crate::math::Typeset;
use crate::output::Files;
use crate::render_cache::RenderCache;
use crate::sitemap;
use crate::templates::context::{Frame, PageView, SiteView, Views};
use crate::templates::languages::{self, LangView, TranslationView};

/// Renders every output file of the site into memory.
pub fn render(site: &Site, use_cache: bool) -> Result<(Files, RenderReport)> {
    render_with(site, use_cache, &RenderCache::single_build())
}

/// [`render`], reusing from `memo` every page's Markdown and every output file whose
/// inputs are unchanged since an earlier render (`folio serve` keeps one across rebuilds).
pub fn render_with(
    site: &Site,
    use_cache: bool,
    memo: &RenderCache,
) -> Result<(Files, RenderReport)> {
    memo.set_templates(&site.templates);
    let bodies = bodies::render(site, use_cache, memo)?;
    let config = &site.config;
    let content = &site.content;
    let taxonomies: Vec<Taxonomies> = (site.languages.iter())
        .map(|lang| Taxonomies::collect(lang, content))
        .collect();
    let views = Views::new(config, &site.languages, content, &bodies.math, &taxonomies);
    let pages: Vec<PageView> = (bodies.pages.par_iter().enumerate())
        .map(|(i, md)| views.page(i, md))
        .collect();
    let feed_summaries = feeds::summaries(config, content, &bodies);
    let languages = LangView::all(config, &site.languages);
    let mut made = Made {
        files: Files::default(),
        report: RenderReport {
            math: bodies.math.stats,
            warnings: bodies.warnings,
            ..RenderReport::default()
        },
        sitemaps: site.languages.iter().map(|_| Vec::new()).collect(),
    };
    assets::add(site, bodies.has_math, &mut made.files)?;
    for lang in site.languages.iter() {
        let renderer = Renderer {
            site,
            config,
            content,
            memo,
            lang,
            languages: &languages,
            site_view: SiteView::new(
                config,
                lang,
                &languages,
                bodies.has_math,
                views.taxonomy_links(lang),
            ),
            taxonomies: &taxonomies,
            pages: &pages,
            feed_summaries: &feed_summaries,
            math: &bodies.math,
        };
        pages::render(&renderer, &mut made)?;
        sections::render(&renderer, &bodies.sections, &mut made)?;
        taxonomies::render(&renderer, &mut made)?;
        extras::not_found(&renderer, &mut made)?;
    }
    extras::render(site, &mut made);
    // And the output marker, which the write adds.
    made.report.files = made.files.len() + 1;
    Ok((made.files, made.report))
}

/// What every kind of output of one language reads.
pub(super) struct Renderer<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub content: &'a Content,
    pub memo: &'a RenderCache,
    /// The language being rendered.
    pub lang: &'a Language,
    /// Every language as templates see it, by language index.
    pub languages: &'a [LangView],
    pub site_view: SiteView<'a>,
    /// Every language's taxonomies, by language index.
    pub taxonomies: &'a [Taxonomies],
    /// Every page in full, by page index.
    pub pages: &'a [PageView],
    /// Every page's summary as feeds show it, by page index.
    pub feed_summaries: &'a [String],
    pub math: &'a Typeset,
}

impl<'a> Renderer<'a> {
    /// The frame of one output page; `description` falls back to the site's.
    pub fn frame(
        &self,
        title: String,
        description: Option<String>,
        current_url: String,
        feed_url: Option<String>,
        translations: Vec<TranslationView<'a>>,
    ) -> Frame<'_> {
        self.site_view
            .frame(title, description, current_url, feed_url, translations)
    }

    /// The document title of a page titled `title`: `TITLE | SITE`.
    pub fn document_title(&self, title: &str) -> String {
        format!("{title} | {}", self.lang.title)
    }

    /// `translations` of a thing whose version in each language `link` gives.
    pub fn translations(
        &self,
        link: impl Fn(LangId) -> Option<Permalink>,
    ) -> Vec<TranslationView<'a>> {
        let config = self.config;
        languages::translations(self.languages, self.lang.id, |l| {
            link(l).map(|p| p.url(config))
        })
    }

    /// `translations` of page `index`.
    pub fn page_translations(&self, index: usize) -> Vec<TranslationView<'a>> {
        let found = self.content.translations.of_page(index);
        self.translations(|l| found[l.index()].map(|p| self.content.pages[p].permalink.clone()))
    }

    /// `translations` of section `index`.
    pub fn section_translations(&self, index: usize) -> Vec<TranslationView<'a>> {
        let found = self.content.translations.of_section(index);
        self.translations(|l| found[l.index()].map(|s| self.content.sections[s].permalink.clone()))
    }
}

/// What the render has made so far.
pub(super) struct Made<'a> {
    pub files: Files,
    pub report: RenderReport,
    /// Every page and list of each language, by language index, for the sitemaps.
    pub sitemaps: Vec<Vec<sitemap::Entry<'a>>>,
}

impl<'a> Made<'a> {
    /// Lists a page of language `lang` in its sitemap, with its translations (when it
    /// has any) as alternates, as Hugo does.
    pub fn list(
        &mut self,
        lang: LangId,
        url: String,
        lastmod: Option<&'a Zoned>,
        translations: &[TranslationView],
    ) {
        let existing = translations.iter().filter(|t| t.exists);
        let alternates = if existing.clone().count() > 1 {
            existing
                .map(|t| sitemap::Alternate {
                    hreflang: t.code.to_string(),
                    url: t.permalink.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        self.sitemaps[lang.index()].push(sitemap::Entry {
            url,
            lastmod,
            alternates,
        });
    }
}
