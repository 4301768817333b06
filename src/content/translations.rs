//! Translations: pages (and sections) of different languages paired by `translationKey`,
//! or without one by the same path below their languages' content roots.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use super::{Content, FrontMatter, Page, Section};
use crate::error::{Error, Result};
use crate::languages::{LangId, Languages};

/// What pairs a page or section with its translations.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TranslationKey {
    /// Front matter's `translationKey` (or `translation_key`).
    Given(String),
    /// The path below the language's content root without `.md` (a section's folder).
    Path(String),
}

impl TranslationKey {
    /// A page's key: its `translationKey`, or its path `rel` (`a/post.md`) as `a/post`.
    pub fn of_page(meta: &FrontMatter, rel: &Path) -> Self {
        let path = rel.with_extension("").to_string_lossy().replace('\\', "/");
        Self::given_or(Some(meta), path)
    }

    /// A section's key: its `_index.md`'s `translationKey`, or its folder.
    pub fn of_section(meta: Option<&FrontMatter>, key: &str) -> Self {
        Self::given_or(meta, key.to_string())
    }

    fn given_or(meta: Option<&FrontMatter>, path: String) -> Self {
        match meta.and_then(|m| m.translation_key.clone()) {
            Some(key) => TranslationKey::Given(key),
            None => TranslationKey::Path(path),
        }
    }
}

impl fmt::Display for TranslationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TranslationKey::Given(key) => write!(f, "`translationKey` {key:?}"),
            TranslationKey::Path(path) => write!(f, "path {path:?}"),
        }
    }
}

/// Which pages and sections translate each other.
#[derive(Debug, Default)]
pub struct Translations {
    pages: Groups,
    sections: Groups,
}

/// Items (pages or sections, by index) in groups of translations.
#[derive(Debug, Default)]
struct Groups {
    /// Each item's group.
    group_of: Vec<usize>,
    /// Each group's item in each language, by language index.
    members: Vec<Vec<Option<usize>>>,
}

/// One page or section, as pairing sees it.
struct Item<'a> {
    lang: LangId,
    key: &'a TranslationKey,
    file: Option<&'a Path>,
}

impl Translations {
    /// Pairs `pages` and `sections`. Two of one language with one key are an error
    /// naming both files.
    pub fn pair(languages: &Languages, pages: &[Page], sections: &[Section]) -> Result<Self> {
        let pages = pages.iter().map(|p| Item {
            lang: p.lang,
            key: &p.translation_key,
            file: Some(&p.source.path),
        });
        let sections = sections.iter().map(|s| Item {
            lang: s.lang,
            key: &s.translation_key,
            file: s.source.as_ref().map(|src| src.path.as_path()),
        });
        let (pages, page_errors) = Groups::pair(languages, pages);
        let (sections, section_errors) = Groups::pair(languages, sections);
        Error::collect(page_errors.into_iter().chain(section_errors).collect())?;
        Ok(Translations { pages, sections })
    }

    /// Page `index` in every language (itself included), by language index.
    pub fn of_page(&self, index: usize) -> &[Option<usize>] {
        self.pages.of(index)
    }

    /// Section `index` in every language (itself included), by language index.
    pub fn of_section(&self, index: usize) -> &[Option<usize>] {
        self.sections.of(index)
    }
}

impl Groups {
    fn pair<'a>(
        languages: &Languages,
        items: impl Iterator<Item = Item<'a>>,
    ) -> (Self, Vec<Error>) {
        let mut groups = Groups::default();
        let mut by_key: BTreeMap<&TranslationKey, usize> = BTreeMap::new();
        let mut files: Vec<Option<&Path>> = Vec::new();
        let mut errors = Vec::new();
        for (index, item) in items.enumerate() {
            files.push(item.file);
            let group = *by_key.entry(item.key).or_insert_with(|| {
                groups.members.push(vec![None; languages.len()]);
                groups.members.len() - 1
            });
            groups.group_of.push(group);
            let slot = &mut groups.members[group][item.lang.index()];
            match slot {
                Some(first) => errors.push(Error::DuplicateTranslation {
                    key: item.key.to_string(),
                    language: languages.get(item.lang).key.clone(),
                    first: files[*first].map(Path::to_path_buf).unwrap_or_default(),
                    second: item.file.map(Path::to_path_buf).unwrap_or_default(),
                }),
                None => *slot = Some(index),
            }
        }
        (groups, errors)
    }

    fn of(&self, index: usize) -> &[Option<usize>] {
        &self.members[self.group_of[index]]
    }
}

impl Content {
    /// Pages of other languages that have no translation in the language of section
    /// `index` and would be listed there if they had one: the pages of the sections
    /// that translate it and of their subsections (for a home page, every such page).
    pub fn untranslated_members(&self, index: usize) -> Vec<usize> {
        let lang = self.sections[index].lang;
        (0..self.pages.len())
            .filter(|&p| {
                let page = &self.pages[p];
                page.lang != lang
                    && self.translations.of_page(p)[lang.index()].is_none()
                    && self.ancestors_translated(page, lang).contains(&index)
            })
            .collect()
    }

    /// The sections of language `lang` that translate `page`'s section and each of its
    /// ancestors, nearest first.
    fn ancestors_translated(&self, page: &Page, lang: LangId) -> Vec<usize> {
        let mut out = Vec::new();
        let mut key = page.section.as_str();
        loop {
            let translated = self
                .section_index(page.lang, key)
                .and_then(|s| self.translations.of_section(s)[lang.index()]);
            out.extend(translated);
            if key.is_empty() {
                return out;
            }
            key = super::parent_key(key);
        }
    }

    /// The section of language `lang` that translates `page`'s own section.
    pub fn section_translated(&self, page: &Page, lang: LangId) -> Option<usize> {
        self.section_index(page.lang, &page.section)
            .and_then(|s| self.translations.of_section(s)[lang.index()])
    }
}
