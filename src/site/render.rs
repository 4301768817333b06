//! Rendering a loaded site into memory. This module only runs the steps in order; each
//! kind of output has its own module, and [`Renderer`] holds what they all read.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::bodies::{self, Bodies};
use super::{
    RenderReport, Site, assets, bundles, extras, feeds, pages, search, sections, taxonomies,
};
use crate::config::Config;
use crate::content::{Content, PageId, Permalink, Section, Taxonomies};
use crate::date::Date;
use crate::error::Result;
use crate::i18n::Words;
use crate::languages::{self as languages_config, LangId, Language};
use crate::markdown;
use crate::math::CacheUse;
use crate::math::Typeset;
use crate::origin::{Input, Maker, Origin, shown};
use crate::output::Files;
use crate::render_cache::RenderCache;
use crate::sitemap;
use crate::templates::context::{Frame, PageFacts, SiteView};
use crate::templates::languages::{self, LangView, TranslationView};
use crate::templates::series::SeriesIndex;
use crate::templates::stylesheets::Stylesheets;
use crate::templates::views;
use crate::timings::Phase;

/// Renders every output file of the site into memory. The sources' Markdown is emptied
/// as it is rendered.
pub fn render(site: &mut Site, cache: CacheUse) -> Result<(Files, RenderReport)> {
    render_with(site, cache, &RenderCache::single_build())
}

/// [`render`], reusing from `memo` every page's Markdown and every output file whose
/// inputs are unchanged since an earlier render (`folio serve` keeps one across rebuilds).
pub fn render_with(
    site: &mut Site,
    cache: CacheUse,
    memo: &RenderCache,
) -> Result<(Files, RenderReport)> {
    let (files, report, _) = render_into(site, cache, memo, Files::default())?;
    Ok((files, report))
}

/// What a render made on its way that rendering a page of it again needs.
pub(super) struct Basis {
    pub bodies: Bodies,
    /// Each language's, by language index.
    pub taxonomies: Vec<Taxonomies>,
    pub series: SeriesIndex,
}

/// [`render_with`], adding the output to `files` (which `folio build` stages as it goes).
pub(super) fn render_into(
    site: &mut Site,
    cache: CacheUse,
    memo: &RenderCache,
    files: Files,
) -> Result<(Files, RenderReport, Basis)> {
    let mut bodies = bodies::render(site, cache, memo)?;
    let site = &*site;
    let mut warnings = setup_warnings(site);
    warnings.extend(std::mem::take(&mut bodies.warnings));
    let (config, content) = (&site.config, &site.content);
    let taxonomies: Vec<Taxonomies> = (site.languages.iter())
        .map(|lang| Taxonomies::collect(config, lang, content))
        .collect();
    let sources = views::Sources {
        config,
        languages: &site.languages,
        content,
        taxonomies: &taxonomies,
        math: &bodies.math,
    };
    let series = SeriesIndex::new(config, &site.languages, content);
    let shared = Shared {
        pages: views::page_facts(&sources, &bodies.pages),
        feed_summaries: feeds::summaries(config, content, &bodies),
        feed_contents: feeds::contents(config, content, &bodies),
        ..Shared::without_pages(site, &series)
    };
    let mut made = Made {
        files,
        report: RenderReport {
            math: bodies.math.stats,
            code: bodies.code,
            warnings,
            ..RenderReport::default()
        },
        sitemaps: site.languages.iter().map(|_| Vec::new()).collect(),
    };
    let stylesheets = assets::add(site, bodies.has_math, &mut made.files)?;
    site.templates.set_stylesheets(stylesheets);
    memo.set_templates(&site.templates);
    let timings = memo.timings();
    memo.progress().stage("templates", None);
    timings.phase(Phase::Templates, || {
        let typeset = (&bodies.math, bodies.has_math);
        let markdown = (bodies.pages.as_mut_slice(), bodies.sections.as_slice());
        languages(
            site,
            memo,
            (&shared, &taxonomies),
            typeset,
            markdown,
            &mut made,
        )
    })?;
    if shared.has_search {
        timings.phase(Phase::Search, || {
            search::index(site, memo, &bodies, &mut made)
        })?;
    }
    timings.phase(Phase::Templates, || extras::render(site, &mut made));
    // Last, so that a bundle's file can collide with nothing unnoticed.
    bundles::add(site, &mut made.files)?;
    // And the output marker, which the write adds.
    made.report.files = made.files.len() + 1;
    let Made { files, report, .. } = made;
    drop(shared);
    let basis = Basis {
        bodies,
        taxonomies,
        series,
    };
    Ok((files, report, basis))
}

/// Every page, list and feed of each language. Once a language's pages are written, a
/// single build drops their Markdown (unless search indexes it at the end): lists and
/// feeds read only the pages' facts and feed summaries, made before.
fn languages<'a>(
    site: &'a Site,
    memo: &'a RenderCache,
    (shared, taxonomies): (&'a Shared<'a>, &'a [Taxonomies]),
    typeset: (&'a Typeset, bool),
    (pages, sections): (
        &mut [Arc<markdown::Rendered>],
        &[Option<Arc<markdown::Rendered>>],
    ),
    made: &mut Made<'a>,
) -> Result<()> {
    for lang in site.languages.iter() {
        let r = Renderer::new(site, memo, lang, (shared, taxonomies), typeset);
        pages::render(&r, pages, made)?;
        if !shared.has_search && !memo.keeps_renders() {
            pages::forget(&r, pages);
        }
        sections::render(&r, sections, made)?;
        taxonomies::render(&r, made)?;
        extras::not_found(&r, made)?;
        if shared.has_search {
            search::page(&r, made)?;
        }
    }
    Ok(())
}

/// Warnings about the site as written that no output shows: a language without its
/// content folder, and a key only a section's `_index.md` reads, set on a page.
fn setup_warnings(site: &Site) -> Vec<String> {
    let mut warnings = languages_config::missing_content_dirs(
        &site.languages,
        &site.root,
        &shown(&site.config_path()),
    );
    for page in &site.content.pages {
        let meta = &page.source.meta;
        let set = [
            ("sort_by", meta.sort_by.is_some()),
            ("paginate_by", meta.paginate_by.is_some()),
        ];
        for (key, _) in set.into_iter().filter(|(_, set)| *set) {
            warnings.push(format!(
                "warning: {}: `{key}` does nothing on a page: it orders or splits a list, so it belongs in the front matter of the section's `_index.md`",
                shown(&page.source.path).display()
            ));
        }
    }
    warnings
}

/// What the renderers of every language share.
pub(super) struct Shared<'a> {
    /// By page index, as are the feeds' summaries and contents; all three empty when
    /// pages are rendered one by one ([`Shared::without_pages`]).
    pub pages: Vec<PageFacts<'a>>,
    pub series: &'a SeriesIndex,
    pub feed_summaries: Vec<Option<String>>,
    pub feed_contents: Vec<String>,
    /// Each language's, by language index.
    pub languages: Vec<LangView>,
    pub words: Vec<Words>,
    pub has_search: bool,
}

impl<'a> Shared<'a> {
    /// All but what is made of every page, which is left empty: for rendering single
    /// pages, each with its own facts.
    pub fn without_pages(site: &Site, series: &'a SeriesIndex) -> Self {
        Shared {
            pages: Vec::new(),
            series,
            feed_summaries: Vec::new(),
            feed_contents: Vec::new(),
            languages: LangView::all(&site.config, &site.languages),
            words: site.languages.iter().map(Words::of).collect(),
            has_search: search::enabled(site),
        }
    }
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
    /// What lists show of each page, by page index.
    pub pages: &'a [PageFacts<'a>],
    pub series: &'a SeriesIndex,
    /// Every page's summary as feeds show it, by page index; `None` where it is the one
    /// in `pages`.
    pub feed_summaries: &'a [Option<String>],
    /// Every page's whole body as feeds show it, by page index; empty without
    /// `[feeds] full_content`.
    pub feed_contents: &'a [String],
    pub math: &'a Typeset,
    /// What `inline_css` gives templates, for the styles a page lacks.
    pub stylesheets: Arc<Stylesheets>,
}

impl<'a> Renderer<'a> {
    pub(super) fn new(
        site: &'a Site,
        memo: &'a RenderCache,
        lang: &'a Language,
        (shared, taxonomies): (&'a Shared<'a>, &'a [Taxonomies]),
        (math, has_math): (&'a Typeset, bool),
    ) -> Self {
        let (config, languages) = (&site.config, shared.languages.as_slice());
        let words = &shared.words[lang.id.index()];
        let links = views::taxonomy_links(config, &taxonomies[lang.id.index()], words);
        let search_url = (shared.has_search).then(|| search::link(lang).url(config));
        Renderer {
            site,
            config,
            content: &site.content,
            memo,
            lang,
            languages,
            site_view: SiteView::new(config, lang, languages, words, has_math, links, search_url),
            taxonomies,
            pages: &shared.pages,
            series: shared.series,
            feed_summaries: &shared.feed_summaries,
            feed_contents: &shared.feed_contents,
            math,
            stylesheets: site.templates.stylesheets(),
        }
    }

    /// The frame of one output page; `description` falls back to the site's.
    pub fn frame(
        &self,
        title: String,
        description: Option<&str>,
        current_url: String,
        feed_url: Option<String>,
        translations: Vec<TranslationView<'a>>,
    ) -> Frame<'_> {
        self.site_view
            .frame(title, description, current_url, feed_url, translations)
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
        let origin = Origin::new(Maker::Template(name), input);
        self.page_from(made, (path, origin), name, frame, vars)
    }

    /// Renders template `name` into the page at `path`, recording `origin` as its maker.
    pub fn page_from<F: Serialize, V: Serialize>(
        &self,
        made: &mut Made,
        (path, origin): (PathBuf, Origin),
        name: &'static str,
        frame: &F,
        vars: &V,
    ) -> Result<()> {
        let html = self
            .memo
            .template(&self.site.templates, &path, name, frame, vars)?;
        let html = assets::add_used_styles(html, &self.stylesheets);
        made.files.add(path, html, origin);
        made.report.pages += 1;
        Ok(())
    }

    /// The input of a section's page and feed: its `_index.md`, else its folder.
    pub fn section_input(&self, section: &Section) -> Input {
        match &section.source {
            Some(source) => Input::markdown(&source.path),
            None => Input::Folder(shown(&self.site.content_root(self.lang).join(&section.key))),
        }
    }

    pub fn config_input(&self, key: &'static str) -> Input {
        Input::config(&self.site.config_path(), key)
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

    /// `translations` of page `id`.
    pub fn page_translations(&self, id: PageId) -> Vec<TranslationView<'a>> {
        let found = self.content.translations.of_page(id);
        self.translations(|l| found[l.index()].map(|p| self.content.page(p).permalink.clone()))
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
        lastmod: Option<&'a Date>,
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
