//! Making the views templates see from the loaded site and its rendered Markdown.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::context::{Link, PageFacts, Uses};
use crate::config::Config;
use crate::content::{Content, Page, PageId, Taxonomies};
use crate::date::Date;
use crate::i18n::{Words, format_date};
use crate::languages::Languages;
use crate::markdown;
use crate::math::{Medium, Typeset};

/// What page facts are made from besides each page's Markdown.
pub struct Sources<'a> {
    pub config: &'a Config,
    pub languages: &'a Languages,
    pub content: &'a Content,
    /// Each language's, by language index.
    pub taxonomies: &'a [Taxonomies],
    pub math: &'a Typeset,
}

/// Every page's facts, by page index; `markdown` is every page's rendered Markdown.
pub fn page_facts<'a>(
    from: &Sources<'a>,
    markdown: &[Arc<markdown::Rendered>],
) -> Vec<PageFacts<'a>> {
    let mut terms = vec![BTreeMap::new(); from.content.pages.len()];
    for taxonomies in from.taxonomies {
        add_page_terms(from.config, taxonomies, &mut terms);
    }
    from.content
        .pages
        .par_iter()
        .zip(markdown)
        .zip(terms)
        .map(|((page, md), terms)| facts(from, page, md, terms))
        .collect()
}

fn facts<'a>(
    from: &Sources<'a>,
    page: &'a Page,
    md: &markdown::Rendered,
    taxonomies: BTreeMap<&'a str, Vec<Link>>,
) -> PageFacts<'a> {
    let (config, content) = (from.config, from.content);
    let meta = &page.source.meta;
    let section = (content.section_index(page.lang, &page.section)).map(|i| &content.sections[i]);
    let permalink = page.permalink.url(config);
    let math = from.math;
    let lang = from.languages.get(page.lang);
    PageFacts {
        lang: &lang.key,
        title: page.title(),
        description: meta.description.as_deref(),
        slug: &page.slug,
        date: meta.date.as_ref().map(Date::to_string),
        date_display: meta.date.as_ref().map(|d| format_date(d, &lang.code)),
        updated: meta.updated.as_ref().map(Date::to_string),
        updated_display: meta.updated.as_ref().map(|d| format_date(d, &lang.code)),
        summary: markdown::absolutize(&math.fill(&md.summary, &md.math, Medium::Page), &permalink),
        permalink,
        truncated: md.truncated,
        word_count: md.word_count,
        reading_time: md.reading_time(),
        section: Link {
            title: section.map(|s| s.title.clone()).unwrap_or_default(),
            permalink: section.map(|s| s.permalink.url(config)).unwrap_or_default(),
        },
        taxonomies,
        series_order: meta.series_order,
        weight: meta.weight,
        draft: meta.draft,
        extra: &meta.extra,
        uses: Uses::of(Some(md)),
    }
}

/// Adds the terms of `taxonomies` to `out`: by page index, then by taxonomy name.
fn add_page_terms<'a>(
    config: &Config,
    taxonomies: &'a Taxonomies,
    out: &mut [BTreeMap<&'a str, Vec<Link>>],
) {
    each_term(config, taxonomies, None, |id, name, link| {
        out[id.index()].entry(name).or_default().push(link);
    });
}

/// Calls `add` with each page of each term of `taxonomies` (or only page `only`): the
/// page, the taxonomy's name and the term's link.
fn each_term<'a>(
    config: &Config,
    taxonomies: &'a Taxonomies,
    only: Option<PageId>,
    mut add: impl FnMut(PageId, &'a str, Link),
) {
    for taxonomy in &taxonomies.all {
        for term in &taxonomy.terms {
            let pages = term.pages.iter().copied();
            for id in pages.filter(|&id| only.is_none_or(|only| only == id)) {
                let link = Link {
                    title: term.name.clone(),
                    permalink: term.permalink.url(config),
                };
                add(id, taxonomy.name.as_str(), link);
            }
        }
    }
}

/// The facts of page `id` alone, whose Markdown is `md`, as [`page_facts`] makes them:
/// for `folio serve`, which shows an edited page before it renders the whole site.
pub fn facts_of<'a>(from: &Sources<'a>, id: PageId, md: &markdown::Rendered) -> PageFacts<'a> {
    let mut terms: BTreeMap<&str, Vec<Link>> = BTreeMap::new();
    for taxonomies in from.taxonomies {
        each_term(from.config, taxonomies, Some(id), |_, name, link| {
            terms.entry(name).or_default().push(link);
        });
    }
    facts(from, from.content.page(id), md, terms)
}

/// Every taxonomy's list page, for `site.taxonomies`, titled in the language of `words`.
pub fn taxonomy_links(config: &Config, taxonomies: &Taxonomies, words: &Words) -> Vec<Link> {
    taxonomies
        .all
        .iter()
        .map(|t| Link {
            title: words.taxonomy_title(&t.name),
            permalink: t.permalink.url(config),
        })
        .collect()
}
