//! Making the views templates see from the loaded site and its rendered Markdown.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::context::{Link, PageFacts};
use crate::config::Config;
use crate::content::{Content, Page, Taxonomies};
use crate::date::Date;
use crate::markdown;
use crate::math::{Medium, Typeset};

/// Every page's facts, by page index; `markdown` is every page's rendered Markdown.
pub fn page_facts<'a>(
    config: &'a Config,
    content: &'a Content,
    taxonomies: &'a Taxonomies,
    math: &Typeset,
    markdown: &[Arc<markdown::Rendered>],
) -> Vec<PageFacts<'a>> {
    let terms = page_terms(config, content, taxonomies);
    content
        .pages
        .par_iter()
        .zip(markdown)
        .zip(terms)
        .map(|((page, md), terms)| facts(config, content, math, page, md, terms))
        .collect()
}

fn facts<'a>(
    config: &'a Config,
    content: &'a Content,
    math: &Typeset,
    page: &'a Page,
    md: &markdown::Rendered,
    taxonomies: BTreeMap<&'a str, Vec<Link>>,
) -> PageFacts<'a> {
    let meta = &page.source.meta;
    let section = content.sections.iter().find(|s| s.key == page.section);
    let permalink = page.permalink.url(config);
    PageFacts {
        title: page.title(),
        description: meta.description.as_deref(),
        slug: &page.slug,
        date: meta.date.as_ref().map(Date::to_string),
        date_display: meta.date.as_ref().map(Date::long),
        updated: meta.updated.as_ref().map(Date::to_string),
        updated_display: meta.updated.as_ref().map(Date::long),
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
    }
}

/// The terms each page carries, by page index, then by taxonomy name.
fn page_terms<'a>(
    config: &Config,
    content: &Content,
    taxonomies: &'a Taxonomies,
) -> Vec<BTreeMap<&'a str, Vec<Link>>> {
    let mut out = vec![BTreeMap::new(); content.pages.len()];
    for taxonomy in &taxonomies.all {
        for term in &taxonomy.terms {
            for id in &term.pages {
                let links: &mut Vec<Link> =
                    out[id.index()].entry(taxonomy.name.as_str()).or_default();
                links.push(Link {
                    title: term.name.clone(),
                    permalink: term.permalink.url(config),
                });
            }
        }
    }
    out
}

/// Every taxonomy's list page, for `site.taxonomies`.
pub fn taxonomy_links(config: &Config, taxonomies: &Taxonomies) -> Vec<Link> {
    taxonomies
        .all
        .iter()
        .map(|t| Link {
            title: t.title.clone(),
            permalink: t.permalink.url(config),
        })
        .collect()
}
