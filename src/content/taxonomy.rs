//! Taxonomy terms and series: which pages carry which term.

use std::collections::BTreeMap;

use super::{Content, PageId, Permalink, SortBy, slugs};
use crate::config::Config;
use crate::languages::{LangId, Language};

/// The taxonomies a language declares that have at least one term in it, by name.
#[derive(Debug, Default)]
pub struct Taxonomies {
    pub all: Vec<Taxonomy>,
}

/// A taxonomy such as `tags`: its list page and its terms.
#[derive(Debug)]
pub struct Taxonomy {
    /// Its title is the theme's word for it (`i18n::Words::taxonomy_title`).
    pub name: String,
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
    /// Terms of the taxonomies `lang` declares, on its pages; a term is known by its
    /// slug, so "Deep Learning" and "deep learning" are one term.
    pub fn collect(config: &Config, lang: &Language, content: &Content) -> Self {
        let mut all: BTreeMap<&str, BTreeMap<String, Term>> = BTreeMap::new();
        for name in &lang.taxonomies {
            let ids = content
                .page_ids()
                .filter(|&id| content.page(id).lang == lang.id);
            for id in ids {
                for term in content.page(id).source.meta.terms(name) {
                    let slug = slugs::from_name(config.slugs, term);
                    let entry = all
                        .entry(name)
                        .or_default()
                        .entry(slug.clone())
                        .or_insert_with(|| Term {
                            name: term.clone(),
                            permalink: lang.root.join(&[name.as_str(), &slug]),
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
                permalink: lang.root.join(&[name]),
                terms: terms.into_values().collect(),
            })
            .collect();
        Taxonomies { all }
    }

    /// The taxonomy called `name`, if it has terms.
    pub fn get(&self, name: &str) -> Option<&Taxonomy> {
        self.all.iter().find(|t| t.name == name)
    }
}

impl Taxonomy {
    /// The term whose slug is `slug`.
    pub fn term(&self, slug: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.slug == slug)
    }
}

/// A series (a page's first `series` term) of one language with its parts in order: by
/// `series_order`, then date. A series never mixes languages.
pub struct Series {
    pub lang: LangId,
    pub name: String,
    pub parts: Vec<PageId>,
}

impl Series {
    /// The number of the part at 0-based position `pos`: its `series_order` when that is
    /// positive, so a language with parts 1, 3 and 4 translated still has a Part 3.
    pub fn number(content: &Content, id: PageId, pos: usize) -> usize {
        let order = content.page(id).source.meta.series_order;
        (order.and_then(|n| usize::try_from(n).ok()))
            .filter(|&n| n > 0)
            .unwrap_or(pos + 1)
    }
}

/// Every series of the site, by language and name.
pub fn series(content: &Content) -> Vec<Series> {
    let mut groups: BTreeMap<(LangId, &str), Vec<PageId>> = BTreeMap::new();
    for id in content.page_ids() {
        let page = content.page(id);
        if let Some(name) = page.source.meta.terms("series").first() {
            groups.entry((page.lang, name)).or_default().push(id);
        }
    }
    groups
        .into_iter()
        .map(|((lang, name), parts)| Series {
            lang,
            name: name.to_string(),
            parts: content.sorted(parts, SortBy::SeriesOrder),
        })
        .collect()
}
