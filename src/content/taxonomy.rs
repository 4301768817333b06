//! Taxonomy terms and series: which pages carry which term.

use std::collections::BTreeMap;

use super::{Content, SortBy};
use crate::languages::{LangId, Language};

/// Per taxonomy (`tags`, …), per term slug: the term as first written, and its pages.
#[derive(Debug, Default)]
pub struct Taxonomies(pub BTreeMap<String, BTreeMap<String, (String, Vec<usize>)>>);

impl Taxonomies {
    /// Terms of the taxonomies `lang` declares, on its pages; a term is known by its
    /// slug, so "Deep Learning" and "deep learning" are one term.
    pub fn collect(lang: &Language, content: &Content) -> Self {
        let mut all: BTreeMap<String, BTreeMap<String, (String, Vec<usize>)>> = BTreeMap::new();
        for name in &lang.taxonomies {
            let pages = content.pages.iter().enumerate();
            for (i, page) in pages.filter(|(_, p)| p.lang == lang.id) {
                for term in page.source.meta.terms(name) {
                    let entry = all
                        .entry(name.clone())
                        .or_default()
                        .entry(slug::slugify(term))
                        .or_insert_with(|| (term.clone(), Vec::new()));
                    if !entry.1.contains(&i) {
                        entry.1.push(i);
                    }
                }
            }
        }
        Taxonomies(all)
    }
}

/// Each series (a page's first `series` term) of each language with its parts in
/// order: by `series_order`, then date. A series never mixes languages.
pub fn series_members(content: &Content) -> BTreeMap<(LangId, String), Vec<usize>> {
    let mut groups: BTreeMap<(LangId, String), Vec<usize>> = BTreeMap::new();
    for (i, page) in content.pages.iter().enumerate() {
        if let Some(name) = page.source.meta.terms("series").first() {
            groups.entry((page.lang, name.clone())).or_default().push(i);
        }
    }
    groups
        .into_iter()
        .map(|(name, members)| (name, content.sorted(members, SortBy::SeriesOrder)))
        .collect()
}
