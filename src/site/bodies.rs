//! The Markdown of every page and section, rendered, with every formula it needs typeset
//! by KaTeX: for pages, and for feeds (whose summaries get MathML alone).

use std::sync::Arc;

use rayon::prelude::*;

use super::images::LocalFiles;
use super::{Site, references};
use crate::error::{Error, Result};
use crate::i18n::{BOX_WORDS, Words};
use crate::languages::Language;
use crate::markdown::{self, BoxNames, MarkdownOptions};
use crate::math::{self, CacheUse, MathRenderer, Medium, Typeset, Warnings};
use crate::render_cache::RenderCache;

pub(super) struct Bodies {
    /// By page index.
    pub pages: Vec<Arc<markdown::Rendered>>,
    /// By section index; `None` for a section without `_index.md`.
    pub sections: Vec<Option<Arc<markdown::Rendered>>>,
    pub math: Typeset,
    pub has_math: bool,
    pub warnings: Warnings,
}

pub(super) fn render(site: &Site, cache: CacheUse, memo: &RenderCache) -> Result<Bodies> {
    let config = &site.config;
    let boxes: Vec<BoxNames> = site.languages.iter().map(box_names).collect();
    // By language: whether CJK characters count as words is the language's setting.
    let options: Vec<MarkdownOptions> = (site.languages.iter())
        .map(|lang| MarkdownOptions {
            boxes: Some(&boxes[lang.id.index()]),
            math: &config.math,
            bibliography: !config.bibliography.file.0.is_empty(),
            summary_length: config.summary_length,
            highlighter: config.highlight.enabled.then(|| memo.highlighter()),
            slugs: config.slugs,
            has_cjk_language: lang.cjk,
        })
        .collect();
    let pages: Vec<_> = site
        .content
        .pages
        .par_iter()
        .map(|p| memo.markdown(&p.source, &options[p.lang.index()]))
        .collect();
    let sections: Vec<_> = site
        .content
        .sections
        .par_iter()
        .map(|s| {
            let options = &options[s.lang.index()];
            s.source.as_ref().map(|src| memo.markdown(src, options))
        })
        .collect();
    let references::Resolved {
        pages,
        sections,
        mut errors,
    } = references::resolve(site, &LocalFiles::new(site)?, pages, sections);

    let needed = needed(&pages, &sections);
    let has_math = !needed.is_empty();
    let rendered = MathRenderer::new(&config.math)
        .with_cache(site.cache_dir(), cache)
        .render(needed);
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
        warnings,
    })
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

/// Every formula to typeset: for pages, and those in summaries again for feeds.
fn needed<'r>(
    pages: &'r [Arc<markdown::Rendered>],
    sections: &'r [Option<Arc<markdown::Rendered>>],
) -> Vec<(&'r markdown::MathSpan, Medium)> {
    let mut needed = Vec::new();
    for r in pages.iter().chain(sections.iter().flatten()) {
        needed.extend(r.math.iter().map(|span| (span, Medium::Page)));
    }
    for r in pages {
        needed.extend(
            math::indices(&r.summary)
                .filter_map(|i| r.math.get(i))
                .map(|s| (s, Medium::Feed)),
        );
    }
    needed
}
