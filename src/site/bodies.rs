//! The Markdown of every page and section, rendered, with every formula it needs typeset
//! by KaTeX: for pages, and for feeds (whose summaries get MathML alone).

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::images::LocalFiles;
use super::{CodeStats, Site, references};
use crate::config::Config;
use crate::content::{Content, PageId, Source};
use crate::error::{Error, Result};
use crate::highlight::{self, Highlighter, Highlighting};
use crate::i18n::{BOX_WORDS, Words};
use crate::languages::{Language, Languages};
use crate::markdown::{self, BoxNames, MarkdownOptions};
use crate::math::{self, CacheUse, MathRenderer, Medium, Typeset, Warnings};
use crate::render_cache::RenderCache;
use crate::timings::{Phase, Timings};

pub(super) struct Bodies {
    /// By page index.
    pub pages: Vec<Arc<markdown::Rendered>>,
    /// By section index; `None` for a section without `_index.md`.
    pub sections: Vec<Option<Arc<markdown::Rendered>>>,
    pub math: Typeset,
    pub has_math: bool,
    pub code: CodeStats,
    pub warnings: Warnings,
}

/// Renders every body, emptying each source's Markdown once it is rendered.
pub(super) fn render(site: &mut Site, cache: CacheUse, memo: &RenderCache) -> Result<Bodies> {
    let config = &site.config;
    // Formulas and highlighted code; the math cache saves what both added.
    let store = math::open_store(&site.cache_dir(), cache);
    let code = highlight::Counts::default();
    let highlighting = config.highlight.enabled.then(|| Highlighting {
        highlighter: memo.highlighter(),
        store: store.as_deref(),
        timings: memo.timings(),
        counts: &code,
    });
    let boxes: Vec<BoxNames> = site.languages.iter().map(box_names).collect();
    let options = options((config, &site.languages), highlighting, &boxes);
    let timings = memo.timings();
    let content = &mut site.content;
    let (pages, sections) = timings.phase(Phase::Markdown, || markdown(content, &options, memo));
    let site = &*site;
    let references::Resolved {
        pages,
        sections,
        mut errors,
    } = timings.phase(Phase::References, || -> Result<_> {
        Ok(references::resolve(
            site,
            &LocalFiles::new(site)?,
            pages,
            sections,
        ))
    })?;

    let needed = needed(&pages, &sections, config.feeds.full_content);
    let has_math = !needed.is_empty();
    let rendered = timings.phase(Phase::Math, || {
        let renderer = MathRenderer::new(&config.math)
            .with_cache(store.clone(), cache)
            .with_progress(memo.progress().clone());
        match memo.kept_formulas() {
            Some(kept) => renderer.with_kept(kept),
            None => renderer,
        }
        .render(needed)
    });
    // Bad labels, references and citations are reported with bad formulas, in one run.
    let (math, mut warnings) = match rendered {
        Ok(done) => done,
        Err(e) => {
            errors.extend(e.into_list());
            Default::default()
        }
    };
    Error::collect(errors)?;
    let markdown_warnings = pages.iter().chain(sections.iter().flatten());
    warnings.extend(markdown_warnings.flat_map(|r| r.warnings.iter().map(ToString::to_string)));
    Ok(Bodies {
        pages,
        sections,
        math,
        has_math,
        code: CodeStats {
            highlighted: code.highlighted.into_inner(),
            cached: code.cached.into_inner(),
        },
        warnings,
    })
}

/// Renders page `id`'s Markdown again from its source as `site` now holds it into
/// `bodies`, with its references resolved against the other pages as `bodies` hold them
/// and each of its formulas that they lack typeset. `None`, leaving `bodies` as they
/// were, when the page has a problem or bad formula to report (the whole render reports
/// it), or has the first formula of a site without any.
pub(super) fn page_again(
    site: &Site,
    id: PageId,
    highlighter: &OnceLock<Highlighter>,
    bodies: &mut Bodies,
) -> Option<()> {
    let page = site.content.page(id);
    let (timings, counts) = (Timings::default(), highlight::Counts::default());
    // Without the store, whose opening reads its whole index: one page's code is soon
    // highlighted.
    let highlighting = site.config.highlight.enabled.then_some(Highlighting {
        highlighter,
        store: None,
        timings: &timings,
        counts: &counts,
    });
    let boxes: Vec<BoxNames> = site.languages.iter().map(box_names).collect();
    let options = options((&site.config, &site.languages), highlighting, &boxes);
    let rendered = markdown::render(&page.source, &options[page.lang.index()]);
    if !rendered.problems.is_empty() || (!rendered.math.is_empty() && !bodies.has_math) {
        return None;
    }
    let numbered = (rendered.math.iter()).any(|m| m.label.is_some() || !m.refs.is_empty());
    let rendered = match numbered || !rendered.slots.is_empty() {
        true => {
            let others = (bodies.pages.as_slice(), bodies.sections.as_slice());
            let images = LocalFiles::new(site).ok()?;
            let filled = references::resolve_page(site, &images, others, (id, &rendered));
            filled.ok()?.unwrap_or(rendered)
        }
        false => rendered,
    };
    let missing: Vec<(&markdown::MathSpan, Medium)> = (rendered.math.iter())
        .filter(|span| !bodies.math.has(span, Medium::Page))
        .map(|span| (span, Medium::Page))
        .collect();
    if !missing.is_empty() {
        let (more, _) = MathRenderer::new(&site.config.math).render(missing).ok()?;
        bodies.math.extend(more);
    }
    bodies.pages[id.index()] = Arc::new(rendered);
    Some(())
}

/// The names of scrolling boxes in the theme's words of `lang`.
fn box_names(lang: &Language) -> BoxNames {
    let words = Words::of(lang);
    let [formula, code, table] = BOX_WORDS.map(|key| words.get(key).to_string());
    BoxNames {
        formula,
        code,
        table,
    }
}

/// The Markdown options of each language, by language index: whether CJK characters
/// count as words is the language's setting.
fn options<'a>(
    (config, languages): (&'a Config, &Languages),
    highlighting: Option<Highlighting<'a>>,
    boxes: &'a [BoxNames],
) -> Vec<MarkdownOptions<'a>> {
    (languages.iter())
        .map(|lang| MarkdownOptions {
            boxes: Some(&boxes[lang.id.index()]),
            math: &config.math,
            bibliography: !config.bibliography.file.0.is_empty(),
            summary_length: config.summary_length,
            highlighter: highlighting,
            slugs: config.slugs,
            has_cjk_language: lang.cjk,
        })
        .collect()
}

/// The Markdown of every page and section, by index; each source's text is dropped as
/// soon as it is rendered, so that the sources and their HTML are never all held at once.
fn markdown(
    content: &mut Content,
    options: &[MarkdownOptions],
    memo: &RenderCache,
) -> (
    Vec<Arc<markdown::Rendered>>,
    Vec<Option<Arc<markdown::Rendered>>>,
) {
    let progress = memo.progress();
    progress.stage(
        "markdown",
        Some(content.pages.len() + content.sections.len()),
    );
    let render = |source: &mut Source, options: &MarkdownOptions| {
        let rendered = memo.markdown(source, options);
        source.body = String::new();
        rendered
    };
    let pages = (content.pages.par_iter_mut())
        .map(|p| {
            progress.tick();
            render(&mut p.source, &options[p.lang.index()])
        })
        .collect();
    let sections = (content.sections.par_iter_mut())
        .map(|s| {
            progress.tick();
            let options = &options[s.lang.index()];
            s.source.as_mut().map(|src| render(src, options))
        })
        .collect();
    (pages, sections)
}

/// Every formula to typeset: for pages, and those in summaries again for feeds (or every
/// formula of a page, when feeds carry `full_content`).
fn needed<'r>(
    pages: &'r [Arc<markdown::Rendered>],
    sections: &'r [Option<Arc<markdown::Rendered>>],
    full_feeds: bool,
) -> Vec<(&'r markdown::MathSpan, Medium)> {
    let mut needed = Vec::new();
    for r in pages.iter().chain(sections.iter().flatten()) {
        needed.extend(r.math.iter().map(|span| (span, Medium::Page)));
    }
    for r in pages {
        if full_feeds {
            needed.extend(r.math.iter().map(|span| (span, Medium::Feed)));
            continue;
        }
        needed.extend(
            math::indices(&r.summary)
                .filter_map(|i| r.math.get(i))
                .map(|s| (s, Medium::Feed)),
        );
    }
    needed
}
