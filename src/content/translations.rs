//! Translations: pages (and sections) of different languages paired by `translationKey`,
//! or without one by the same path below their languages' content roots.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use super::{Content, FrontMatter, Page, PageId, Section};
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
    pages: Groups<PageId>,
    /// By section index.
    sections: Groups<usize>,
}

/// Items (pages or sections, in their order) in groups of translations.
#[derive(Debug)]
struct Groups<T> {
    /// Each item's group.
    group_of: Vec<usize>,
    /// Each group's item in each language, by language index.
    members: Vec<Vec<Option<T>>>,
}

impl<T> Default for Groups<T> {
    fn default() -> Self {
        Groups {
            group_of: Vec::new(),
            members: Vec::new(),
        }
    }
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
        let (pages, page_errors) = Groups::pair(languages, pages, PageId);
        let (sections, section_errors) = Groups::pair(languages, sections, |i| i);
        Error::collect(page_errors.into_iter().chain(section_errors).collect())?;
        Ok(Translations { pages, sections })
    }

    /// Page `id` in every language (itself included), by language index.
    pub fn of_page(&self, id: PageId) -> &[Option<PageId>] {
        self.pages.of(id.index())
    }

    /// Section `index` in every language (itself included), by language index.
    pub fn of_section(&self, index: usize) -> &[Option<usize>] {
        self.sections.of(index)
    }
}

impl<T: Copy> Groups<T> {
    /// Groups `items`, the `index`th of which is `id(index)`.
    fn pair<'a>(
        languages: &Languages,
        items: impl Iterator<Item = Item<'a>>,
        id: impl Fn(usize) -> T,
    ) -> (Self, Vec<Error>) {
        let mut groups = Groups::default();
        let mut by_key: BTreeMap<&TranslationKey, usize> = BTreeMap::new();
        let mut files: Vec<Option<&Path>> = Vec::new();
        // Each group's item in each language, by item index, for messages.
        let mut first_of: Vec<Vec<usize>> = Vec::new();
        let mut errors = Vec::new();
        for (index, item) in items.enumerate() {
            files.push(item.file);
            let group = *by_key.entry(item.key).or_insert_with(|| {
                groups.members.push(vec![None; languages.len()]);
                first_of.push(vec![0; languages.len()]);
                groups.members.len() - 1
            });
            groups.group_of.push(group);
            let slot = &mut groups.members[group][item.lang.index()];
            match slot {
                Some(_) => errors.push(Error::DuplicateTranslation {
                    key: item.key.to_string(),
                    language: languages.get(item.lang).key.clone(),
                    first: files[first_of[group][item.lang.index()]]
                        .map(Path::to_path_buf)
                        .unwrap_or_default(),
                    second: item.file.map(Path::to_path_buf).unwrap_or_default(),
                }),
                None => {
                    *slot = Some(id(index));
                    first_of[group][item.lang.index()] = index;
                }
            }
        }
        (groups, errors)
    }

    fn of(&self, index: usize) -> &[Option<T>] {
        &self.members[self.group_of[index]]
    }
}

impl Content {
    /// Pages of other languages that have no translation in the language of section
    /// `index` and would be listed there if they had one: the pages of the sections
    /// that translate it and of their subsections (for a home page, every such page).
    pub fn untranslated_members(&self, index: usize) -> Vec<PageId> {
        let lang = self.sections[index].lang;
        self.page_ids()
            .filter(|&id| {
                let page = self.page(id);
                page.lang != lang
                    && self.translations.of_page(id)[lang.index()].is_none()
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
