//! Taxonomy terms and series: which pages carry which term.

use std::collections::BTreeMap;

use super::{Content, PageId, Permalink, SortBy, slugs, title_from_folder};
use crate::config::Config;

/// The taxonomies `config.toml` declares that have at least one term, by name.
#[derive(Debug, Default)]
pub struct Taxonomies {
    pub all: Vec<Taxonomy>,
}

/// A taxonomy such as `tags`: its list page and its terms.
#[derive(Debug)]
pub struct Taxonomy {
    pub name: String,
    /// From the name: `tags` → "Tags".
    pub title: String,
    pub permalink: Permalink,
    /// By slug.
    pub terms: Vec<Term>,
}

/// A term such as "Deep Learning" of `tags`.
#[derive(Debug)]
pub struct Term {
    /// As first written.
    pub name: String,
    pub slug: String,
    pub permalink: Permalink,
    /// Its pages, in the order of [`Content::pages`].
    pub pages: Vec<PageId>,
}

impl Taxonomies {
    /// Terms of the taxonomies `config` declares; a term is known by its slug, so
    /// "Deep Learning" and "deep learning" are one term.
    pub fn collect(config: &Config, content: &Content) -> Self {
        let mut all: BTreeMap<&str, BTreeMap<String, Term>> = BTreeMap::new();
        for name in &config.taxonomies {
            for id in content.page_ids() {
                for term in content.page(id).source.meta.terms(name) {
                    let slug = slugs::from_name(config.slugs, term);
                    let entry = all
                        .entry(name)
                        .or_default()
                        .entry(slug.clone())
                        .or_insert_with(|| Term {
                            name: term.clone(),
                            permalink: Permalink::new(config, &[name.as_str(), &slug]),
                            slug,
                            pages: Vec::new(),
                        });
                    if !entry.pages.contains(&id) {
                        entry.pages.push(id);
                    }
                }
            }
        }
        let all = all
            .into_iter()
            .map(|(name, terms)| Taxonomy {
                name: name.to_string(),
                title: title_from_folder(name),
                permalink: Permalink::new(config, &[name]),
                terms: terms.into_values().collect(),
            })
            .collect();
        Taxonomies { all }
    }
}

/// A series (a page's first `series` term) with its parts in order: by `series_order`,
/// then date.
pub struct Series {
    pub name: String,
    pub parts: Vec<PageId>,
}

/// Every series of the site, by name.
pub fn series(content: &Content) -> Vec<Series> {
    let mut groups: BTreeMap<&str, Vec<PageId>> = BTreeMap::new();
    for id in content.page_ids() {
        if let Some(name) = content.page(id).source.meta.terms("series").first() {
            groups.entry(name).or_default().push(id);
        }
    }
    groups
        .into_iter()
        .map(|(name, parts)| Series {
            name: name.to_string(),
            parts: content.sorted(parts, SortBy::SeriesOrder),
        })
        .collect()
}
