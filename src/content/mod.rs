//! Loading content: the page and section model of every language, permalinks, and the
//! order of pages.

mod bundle;
mod front_matter;
mod language;
mod load;
mod order;
mod permalink;
mod reuse;
pub mod slugs;
mod taxonomy;
mod translations;

pub use bundle::Bundle;
pub use front_matter::{FrontMatter, SortBy, parse_source};
pub use language::{Placed, SHARED_DIR};
pub use load::{load, load_reusing, reload_page};
pub use order::parent_key;
pub use permalink::Permalink;
pub use reuse::ReadCache;
pub use taxonomy::{Series, Taxonomies, Taxonomy, Term, series};
pub use translations::{TranslationKey, Translations};

use std::path::PathBuf;

use crate::languages::LangId;

/// A Markdown file split into front matter and body.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown in messages (relative to the working directory when possible).
    pub path: PathBuf,
    pub meta: FrontMatter,
    /// The Markdown after the front matter. Emptied once rendered: nothing reads it after,
    /// and a large site's text would otherwise stay in memory until it is written.
    pub body: String,
    /// Line of the file on which `body` starts.
    pub body_line: usize,
    /// Whether the file, front matter included, holds Han, Hangul, Hiragana or Katakana
    /// (what Hugo's `hasCJKLanguage` looks for).
    pub has_cjk: bool,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub source: Source,
    pub lang: LangId,
    /// The key of the section the page belongs to: its folder below its language's
    /// content root, `""` for the root.
    pub section: String,
    pub slug: String,
    pub permalink: Permalink,
    pub translation_key: TranslationKey,
    /// The page's folder and files when it is a page bundle (`NAME/index.md`).
    pub bundle: Option<Bundle>,
}

impl Page {
    pub fn title(&self) -> &str {
        self.source.meta.title.as_deref().unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    pub lang: LangId,
    /// Folder below the language's content root, `""` for the home page.
    pub key: String,
    pub title: String,
    pub source: Option<Source>,
    pub permalink: Permalink,
    pub translation_key: TranslationKey,
}

impl Section {
    pub fn meta(&self) -> Option<&FrontMatter> {
        self.source.as_ref().map(|s| &s.meta)
    }

    pub fn sort_by(&self) -> SortBy {
        self.meta().and_then(|m| m.sort_by).unwrap_or(SortBy::Date)
    }
}

/// A page's place in [`Content::pages`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(usize);

impl PageId {
    /// The page's position in [`Content::pages`], and so in any list made in that order.
    pub fn index(self) -> usize {
        self.0
    }
}

#[derive(Debug, Default)]
pub struct Content {
    /// Every language's pages.
    pub pages: Vec<Page>,
    /// Sorted by language, then key: each language's home page (`""`) comes first.
    pub sections: Vec<Section>,
    pub translations: Translations,
}

impl Content {
    /// The section of language `lang` with folder `key`.
    pub fn section_index(&self, lang: LangId, key: &str) -> Option<usize> {
        self.sections
            .binary_search_by(|s| (s.lang, s.key.as_str()).cmp(&(lang, key)))
            .ok()
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0]
    }

    pub fn page_ids(&self) -> impl Iterator<Item = PageId> + use<> {
        (0..self.pages.len()).map(PageId)
    }
}

/// `machine-learning/transfer_learning` → "Transfer Learning".
pub fn title_from_folder(key: &str) -> String {
    let name = key.rsplit('/').next().unwrap_or(key);
    name.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_titles() {
        assert_eq!(title_from_folder("transfer-learning"), "Transfer Learning");
        assert_eq!(title_from_folder("a/deep_dive"), "Deep Dive");
    }
}
