//! Taxonomy terms and series: which pages carry which term.

use std::collections::BTreeMap;

use super::{Content, SortBy, slugs};
use crate::config::Config;

/// Per taxonomy (`tags`, …), per term slug: the term as first written, and its pages.
#[derive(Debug, Default)]
pub struct Taxonomies(pub BTreeMap<String, BTreeMap<String, (String, Vec<usize>)>>);

impl Taxonomies {
    /// Terms of the taxonomies `config` declares; a term is known by its slug, so
    /// "Deep Learning" and "deep learning" are one term.
    pub fn collect(config: &Config, content: &Content) -> Self {
        let mut all: BTreeMap<String, BTreeMap<String, (String, Vec<usize>)>> = BTreeMap::new();
        for name in &config.taxonomies {
            for (i, page) in content.pages.iter().enumerate() {
                for term in page.source.meta.terms(name) {
                    let entry = all
                        .entry(name.clone())
                        .or_default()
                        .entry(slugs::from_name(config.slugs, term))
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

/// Each series (a page's first `series` term) with its parts in order: by
/// `series_order`, then date.
pub fn series_members(content: &Content) -> BTreeMap<String, Vec<usize>> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, page) in content.pages.iter().enumerate() {
        if let Some(name) = page.source.meta.terms("series").first() {
            groups.entry(name.clone()).or_default().push(i);
        }
    }
    groups
        .into_iter()
        .map(|(name, members)| (name, content.sorted(members, SortBy::SeriesOrder)))
        .collect()
}
