//! Loading `content/`: the page and section model, permalinks, and the order of pages.

mod front_matter;
mod order;
mod permalink;
pub mod slugs;
mod taxonomy;

pub use front_matter::{FrontMatter, SortBy, parse_source};
pub use order::parent_key;
pub use permalink::Permalink;
pub use taxonomy::{Series, Taxonomies, Taxonomy, Term, series};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, Location, Result};
use crate::walk;

/// A Markdown file split into front matter and body.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown in messages (relative to the working directory when possible).
    pub path: PathBuf,
    pub meta: FrontMatter,
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
    /// The key of the section the page belongs to: its folder below `content/`, `""` for the root.
    pub section: String,
    pub slug: String,
    pub permalink: Permalink,
}

impl Page {
    pub fn title(&self) -> &str {
        self.source.meta.title.as_deref().unwrap_or_default()
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Folder below `content/`, `""` for the home page.
    pub key: String,
    pub title: String,
    pub source: Option<Source>,
    pub permalink: Permalink,
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

#[derive(Debug, Clone, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    /// Sorted by key; the home page (`""`) comes first.
    pub sections: Vec<Section>,
}

impl Content {
    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0]
    }

    pub fn page_ids(&self) -> impl Iterator<Item = PageId> + use<> {
        (0..self.pages.len()).map(PageId)
    }
}

/// Walks `content_dir` and loads every page and section. All bad files are reported together.
pub fn load(config: &Config, content_dir: &Path, drafts: bool) -> Result<Content> {
    if !content_dir.is_dir() {
        return Err(Error::Missing {
            path: content_dir.to_path_buf(),
            hint: "create this folder and put the site's Markdown pages in it",
        });
    }
    let mut section_sources = BTreeMap::new();
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for source in read_sources(config, content_dir)? {
        let rel = source
            .path
            .strip_prefix(content_dir)
            .unwrap_or(&source.path);
        let folder = rel
            .parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        if rel.file_name().is_some_and(|n| n == "_index.md") {
            section_sources.insert(folder, source);
        } else if drafts || !source.meta.draft {
            match Page::new(config, source, folder) {
                Ok(page) => pages.push(page),
                Err(e) => errors.push(e),
            }
        }
    }
    Error::collect(errors)?;
    let sections = sections(config, section_sources, &pages);
    let content = Content { pages, sections };
    check_collisions(config, &content)?;
    Ok(content)
}

/// Every Markdown file below `content_dir`, split into front matter and body.
fn read_sources(config: &Config, content_dir: &Path) -> Result<Vec<Source>> {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    let files = walk::files_below(content_dir)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"));
    for path in files {
        let read = check_size(&path, config.limits.max_markdown_bytes)
            .and_then(|()| Error::read_text(&path))
            .and_then(|text| check_characters(&path, text));
        match read.and_then(|text| parse_source(&path, &text, &config.taxonomies)) {
            Ok(source) => sources.push(source),
            Err(e) => errors.push(e),
        }
    }
    Error::collect(errors)?;
    Ok(sources)
}

impl Page {
    /// The page of `source`, in the section `folder`, at `folder/SLUG/`.
    fn new(config: &Config, source: Source, folder: String) -> Result<Page> {
        if source.meta.title.is_none() {
            return Err(Error::input(
                Location::new(&source.path, 1, 1),
                "missing `title` in front matter: add `title = \"…\"` (TOML) or `title: …` (YAML)",
            ));
        }
        let stem = source
            .path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy();
        let slug = match &source.meta.slug {
            Some(s) => slugs::from_slug(config.slugs, s),
            None => slugs::from_name(config.slugs, &stem),
        };
        if slug.split('/').any(|s| s == "." || s == "..") {
            return Err(Error::input(
                Location::new(&source.path, 1, 1),
                format!(
                    "the page's URL part {slug:?} would leave its section: give it a `slug` without `.` or `..` segments"
                ),
            ));
        }
        let folder_path = slugs::from_folder(config.slugs, &folder);
        let permalink = Permalink::new(config, &[folder_path.as_str(), slug.as_str()]);
        Ok(Page {
            source,
            section: folder,
            slug,
            permalink,
        })
    }
}

/// Every section: each folder with an `_index.md` or a page, and every folder above one
/// (so breadcrumbs always resolve), sorted by key, the home page first.
fn sections(
    config: &Config,
    mut section_sources: BTreeMap<String, Source>,
    pages: &[Page],
) -> Vec<Section> {
    let mut keys: Vec<String> = section_sources.keys().cloned().collect();
    keys.extend(pages.iter().map(|p| p.section.clone()));
    keys.push(String::new());
    let ancestors: Vec<String> = keys
        .iter()
        .flat_map(|k| k.match_indices('/').map(|(i, _)| k[..i].to_string()))
        .collect();
    keys.extend(ancestors);
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|key| {
            let source = section_sources.remove(&key);
            let title = match source.as_ref().and_then(|s| s.meta.title.clone()) {
                Some(title) => title,
                None if key.is_empty() => config.title.clone(),
                None => title_from_folder(&key),
            };
            Section {
                permalink: Permalink::new(config, &[slugs::from_folder(config.slugs, &key)]),
                key,
                title,
                source,
            }
        })
        .collect()
}

fn check_size(path: &Path, limit: u64) -> Result<()> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > limit {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        });
    }
    Ok(())
}

/// A character that cannot be on a web page is an error at its place, not silence.
fn check_characters(path: &Path, text: String) -> Result<String> {
    match crate::markdown::forbidden_character(&text) {
        None => Ok(text),
        Some((offset, c, why)) => Err(Error::input(
            Location::at_offset(path, &text, offset, 1),
            format!("U+{:04X} {why}", c as u32),
        )),
    }
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
