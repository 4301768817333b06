//! Loading `content/`: the page and section model, permalinks, and the order of pages.

mod front_matter;
mod order;
mod permalink;
pub mod slugs;
mod taxonomy;

pub use front_matter::{FrontMatter, SortBy, parse_date, parse_source};
pub use order::parent_key;
pub use permalink::Permalink;
pub use taxonomy::{Taxonomies, series_members};

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

#[derive(Debug, Clone, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    /// Sorted by key; the home page (`""`) comes first.
    pub sections: Vec<Section>,
}

/// Walks `content_dir` and loads every page and section. All bad files are reported together.
pub fn load(config: &Config, content_dir: &Path, drafts: bool) -> Result<Content> {
    if !content_dir.is_dir() {
        return Err(Error::Output {
            path: content_dir.to_path_buf(),
            message: "not found: create this folder and put the site's Markdown pages in it".into(),
        });
    }
    let files = walk::files_below(content_dir)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"));
    let mut errors = Vec::new();
    let mut sources = Vec::new();
    for path in files {
        match Error::read_text(&path).and_then(|text| parse_source(&path, &text)) {
            Ok(source) => sources.push(source),
            Err(e) => errors.push(e),
        }
    }
    Error::collect(std::mem::take(&mut errors))?;

    let mut section_sources = BTreeMap::new();
    let mut pages = Vec::new();
    for source in sources {
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
        let slug = match &source.meta.slug {
            Some(s) => slugs::from_slug(config.slugs, s),
            None => slugs::from_name(
                config.slugs,
                &rel.file_stem().unwrap_or_default().to_string_lossy(),
            ),
        };
        let folder_path = slugs::from_folder(config.slugs, &folder);
        let permalink = Permalink::new(config, &[folder_path.as_str(), slug.as_str()]);
        pages.push(Page {
            source,
            section: folder,
            slug,
            permalink,
        });
    }
    Error::collect(errors)?;

    let mut keys: Vec<String> = section_sources.keys().cloned().collect();
    keys.extend(pages.iter().map(|p| p.section.clone()));
    keys.push(String::new());
    // Every ancestor of a section is a section too, so breadcrumbs always resolve.
    let ancestors: Vec<String> = keys
        .iter()
        .flat_map(|k| {
            k.match_indices('/')
                .map(|(i, _)| k[..i].to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    keys.extend(ancestors);
    keys.sort();
    keys.dedup();
    let sections = keys
        .into_iter()
        .map(|key| {
            let source = section_sources.remove(&key);
            let title = source
                .as_ref()
                .and_then(|s| s.meta.title.clone())
                .unwrap_or_else(|| {
                    if key.is_empty() {
                        config.title.clone()
                    } else {
                        title_from_folder(&key)
                    }
                });
            Section {
                permalink: Permalink::new(config, &[slugs::from_folder(config.slugs, &key)]),
                key,
                title,
                source,
            }
        })
        .collect();
    let content = Content { pages, sections };
    check_collisions(config, &content)?;
    Ok(content)
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
