//! Loading `content/`: the page and section model, permalinks, and the order of pages.

mod front_matter;
mod language;
mod order;
mod taxonomy;
mod translations;

pub use front_matter::{FrontMatter, SortBy, Written, parse_date, parse_source};
pub use language::{Placed, SHARED_DIR};
pub use order::parent_key;
pub use taxonomy::{Series, Taxonomies, Taxonomy, Term, series};
pub use translations::{TranslationKey, Translations};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, Location, Result};
use crate::languages::{LangId, Languages};

/// A site path such as `/en/transfer-learning/01-intro/`; the only place URLs are built.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Permalink {
    path: String,
}

impl Permalink {
    /// `SELF/SEG/SEG/`: path segments below this folder (a language root, say).
    pub fn join<S: AsRef<str>>(&self, segments: &[S]) -> Self {
        let mut path = self.path.clone();
        for s in segments.iter().map(AsRef::as_ref).filter(|s| !s.is_empty()) {
            path.push_str(s.trim_matches('/'));
            path.push('/');
        }
        Self { path }
    }

    /// A path below the site root, such as `/404.html` or `/zh/`.
    pub fn site_root(config: &Config, path: &str) -> Self {
        Self {
            path: format!("{}{}", config.base_path(), path.trim_start_matches('/')),
        }
    }

    pub fn url(&self, config: &Config) -> String {
        format!("{}{}", config.origin(), self.path)
    }

    /// The feed of a list page: `PATH/index.xml`.
    pub fn feed(&self) -> Self {
        self.file("index.xml")
    }

    /// The file `name` in this folder: `PATH/NAME`.
    pub fn file(&self, name: &str) -> Self {
        Self {
            path: format!("{}{name}", self.path),
        }
    }

    /// Where this path is written below the output folder.
    pub fn output_file(&self, config: &Config) -> PathBuf {
        let rel = self
            .path
            .strip_prefix(config.base_path())
            .unwrap_or(&self.path);
        let rel = rel.trim_start_matches('/');
        if rel.is_empty() || rel.ends_with('/') {
            PathBuf::from(rel).join("index.html")
        } else {
            PathBuf::from(rel)
        }
    }
}

/// A Markdown file split into front matter and body.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown in messages (relative to the working directory when possible).
    pub path: PathBuf,
    pub meta: FrontMatter,
    pub body: String,
    /// Line of the file on which `body` starts.
    pub body_line: usize,
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

    /// The home page of language `lang` (every language has one).
    pub fn home(&self, lang: LangId) -> Option<&Section> {
        self.section_index(lang, "").map(|i| &self.sections[i])
    }
}

/// Loads every page and section of every language below `root` (the site folder).
/// All bad files are reported together.
pub fn load(config: &Config, languages: &Languages, root: &Path, drafts: bool) -> Result<Content> {
    let sources = read_sources(languages, root)?;
    let mut errors = Vec::new();
    let mut section_sources = BTreeMap::new();
    let mut pages = Vec::new();
    for (placed, source) in sources {
        let folder = placed
            .rel
            .parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        if placed.rel.file_name().is_some_and(|n| n == "_index.md") {
            section_sources.insert((placed.lang, folder), source);
            continue;
        }
        if source.meta.draft && !drafts {
            continue;
        }
        if source.meta.title.is_none() {
            errors.push(Error::input(
                Location::new(&source.path, 1, 1),
                "missing `title` in front matter: add `title = \"…\"` (TOML) or `title: …` (YAML)",
            ));
            continue;
        }
        let stem = placed.rel.file_stem().unwrap_or_default().to_string_lossy();
        let slug = slug::slugify(source.meta.slug.as_deref().unwrap_or(&stem));
        let root = &languages.get(placed.lang).root;
        pages.push(Page {
            permalink: root.join(&[folder.as_str(), slug.as_str()]),
            translation_key: TranslationKey::of_page(&source.meta, &placed.rel),
            source,
            lang: placed.lang,
            section: folder,
            slug,
        });
    }
    Error::collect(errors)?;
    let sections = sections(languages, section_sources, &pages);
    let translations = Translations::pair(languages, &pages, &sections)?;
    let content = Content {
        pages,
        sections,
        translations,
    };
    check_collisions(config, &content)?;
    Ok(content)
}

/// Every content file, parsed and placed in its language.
fn read_sources(languages: &Languages, root: &Path) -> Result<Vec<(Placed, Source)>> {
    let mut errors = Vec::new();
    let mut sources = Vec::new();
    for path in language::files(languages, root)? {
        let read = Error::read_text(&path).and_then(|text| parse_source(&path, &text));
        let placed = language::place(languages, root, &path);
        match (read, placed) {
            (Ok(source), Ok(placed)) => match check_lang(languages, &source, &placed) {
                Ok(()) => sources.push((placed, source)),
                Err(e) => errors.push(e),
            },
            (Err(e), _) | (_, Err(e)) => errors.push(e),
        }
    }
    Error::collect(errors)?;
    Ok(sources)
}

/// A front-matter `lang` must agree with where the file is.
fn check_lang(languages: &Languages, source: &Source, placed: &Placed) -> Result<()> {
    let Some(said) = &source.meta.lang else {
        return Ok(());
    };
    let here = languages.get(placed.lang);
    match languages.find(&said.value) {
        Some(l) if l.id == here.id => Ok(()),
        Some(l) => Err(Error::input(
            said.at.clone(),
            format!(
                "`lang` says {} but the file is {}'s by its folder or name: move or rename it, or fix `lang`",
                l.key, here.key
            ),
        )),
        None => Err(Error::input(
            said.at.clone(),
            format!(
                "`lang` {:?} is not a language of the site ({}): use one of their keys or leave `lang` out",
                said.value,
                languages
                    .iter()
                    .map(|l| l.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// Every language's sections: those with an `_index.md`, those holding pages, and their
/// ancestors (so breadcrumbs always resolve), each language's home page first.
fn sections(
    languages: &Languages,
    mut sources: BTreeMap<(LangId, String), Source>,
    pages: &[Page],
) -> Vec<Section> {
    let mut keys: Vec<(LangId, String)> = sources.keys().cloned().collect();
    keys.extend(pages.iter().map(|p| (p.lang, p.section.clone())));
    keys.extend(languages.iter().map(|l| (l.id, String::new())));
    let ancestors: Vec<(LangId, String)> = keys
        .iter()
        .flat_map(|(lang, k)| {
            k.match_indices('/')
                .map(|(i, _)| (*lang, k[..i].to_string()))
        })
        .collect();
    keys.extend(ancestors);
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|(lang, key)| {
            let language = languages.get(lang);
            let source = sources.remove(&(lang, key.clone()));
            let title = source
                .as_ref()
                .and_then(|s| s.meta.title.clone())
                .unwrap_or_else(|| {
                    if key.is_empty() {
                        language.title.clone()
                    } else {
                        title_from_folder(&key)
                    }
                });
            Section {
                permalink: language.root.join(&[key.as_str()]),
                translation_key: TranslationKey::of_section(source.as_ref().map(|s| &s.meta), &key),
                lang,
                key,
                title,
                source,
            }
        })
        .collect()
}

/// Two pages, sections or aliases with one URL would overwrite each other.
fn check_collisions(config: &Config, content: &Content) -> Result<()> {
    let mut seen: BTreeMap<String, &Path> = BTreeMap::new();
    let sources = content
        .pages
        .iter()
        .map(|p| (p.permalink.clone(), p.source.path.as_path()))
        .chain(content.sections.iter().filter_map(|s| {
            s.source
                .as_ref()
                .map(|src| (s.permalink.clone(), src.path.as_path()))
        }))
        .chain(content.pages.iter().flat_map(|p| {
            p.source
                .meta
                .aliases
                .iter()
                .map(|a| (Permalink::site_root(config, a), p.source.path.as_path()))
        }));
    let mut errors = Vec::new();
    for (permalink, path) in sources {
        let url = permalink.url(config);
        if let Some(first) = seen.get(&url) {
            errors.push(Error::PermalinkCollision {
                permalink: url,
                first: first.to_path_buf(),
                second: path.to_path_buf(),
            });
        } else {
            seen.insert(url, path);
        }
    }
    Error::collect(errors)
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
