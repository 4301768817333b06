//! Reading every language's content files into pages and sections. All bad files are
//! reported together.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::bundle::{self, Bundle};
use super::language::{self, Placed};
use super::reuse::{ReadCache, Stamp};
use super::translations::{TranslationKey, Translations};
use super::{Content, Page, Permalink, Section, Source, parse_source, slugs, title_from_folder};
use crate::config::Config;
use crate::error::{Error, Location, Result};
use crate::languages::{LangId, Languages};

/// Loads every page and section of every language below `root` (the site folder).
pub fn load(config: &Config, languages: &Languages, root: &Path, drafts: bool) -> Result<Content> {
    load_reusing(config, languages, root, drafts, None)
}

/// [`load`], taking from `reads` the files it holds as they are now, and keeping in it
/// the files read.
pub fn load_reusing(
    config: &Config,
    languages: &Languages,
    root: &Path,
    drafts: bool,
    reads: Option<&mut ReadCache>,
) -> Result<Content> {
    let mut section_sources = BTreeMap::new();
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    let sources = read_sources(config, languages, root, reads)?;
    bundle::check_nested(&sources)?;
    for (placed, source) in sources {
        if placed.rel.file_name().is_some_and(|n| n == "_index.md") {
            section_sources.insert((placed.lang, folder_of(&placed.rel)), source);
        } else if drafts || !source.meta.draft {
            match Page::new(config, languages, &placed, source) {
                Ok(page) => pages.push(page),
                Err(e) => errors.push(e),
            }
        }
    }
    Error::collect(errors)?;
    let mut content = Content {
        sections: sections(config, languages, section_sources, &pages),
        pages,
        translations: Translations::default(),
    };
    // Two files at one URL are also one path's two translations: name the URL first.
    check_collisions(config, &content)?;
    content.translations = Translations::pair(languages, &content.pages, &content.sections)?;
    Ok(content)
}

/// The section folder of a file at `rel`: `a/b` for `a/b/_index.md` or `a/b/post.md`.
fn folder_of(rel: &Path) -> String {
    rel.parent()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

/// Every content file, split into front matter and body, and placed in its language.
fn read_sources(
    config: &Config,
    languages: &Languages,
    root: &Path,
    mut reads: Option<&mut ReadCache>,
) -> Result<Vec<(Placed, Source)>> {
    let taxonomies = taxonomy_names(languages);
    let limit = config.limits.max_markdown_bytes;
    if let Some(reads) = reads.as_deref_mut() {
        reads.begin(format!("{root:?} {languages:?} {taxonomies:?} {limit}"));
    }
    let paths = language::files(languages, root)?;
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in &paths {
        let setting = (languages, root, taxonomies.as_slice(), limit);
        match read_source(setting, path, reads.as_deref_mut()) {
            Ok(read) => sources.push(read),
            Err(e) => errors.push(e),
        }
    }
    if let Some(reads) = reads {
        let found: Vec<PathBuf> = (paths.iter())
            .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
            .collect();
        reads.keep_only(&found);
    }
    Error::collect(errors)?;
    Ok(sources)
}

/// Every language's taxonomies, once each, sorted: what front matter may assign terms of.
fn taxonomy_names(languages: &Languages) -> Vec<String> {
    let mut taxonomies: Vec<String> = languages
        .iter()
        .flat_map(|l| l.taxonomies.clone())
        .collect();
    taxonomies.sort();
    taxonomies.dedup();
    taxonomies
}

/// The page in the content file at `path` read afresh, as a whole load would make it;
/// `None` for a section's `_index.md` or a draft the load leaves out. For `folio serve`,
/// which shows an edited page before it loads the whole site again.
pub fn reload_page(
    config: &Config,
    languages: &Languages,
    (root, path): (&Path, &Path),
    drafts: bool,
) -> Result<Option<Page>> {
    let taxonomies = taxonomy_names(languages);
    let setting = (
        languages,
        root,
        taxonomies.as_slice(),
        config.limits.max_markdown_bytes,
    );
    let (placed, source) = read_source(setting, path, None)?;
    if placed.rel.file_name().is_some_and(|n| n == "_index.md") || (source.meta.draft && !drafts) {
        return Ok(None);
    }
    Page::new(config, languages, &placed, source).map(Some)
}

/// The content file at `path`, from `reads` if it holds it as it is now.
fn read_source(
    (languages, root, taxonomies, limit): (&Languages, &Path, &[String], u64),
    path: &Path,
    reads: Option<&mut ReadCache>,
) -> Result<(Placed, Source)> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    // Taken before the file is read: a write in between changes it again.
    let (rel, stamp) = (path.strip_prefix(root).unwrap_or(path), Stamp::of(&meta));
    if let Some(read) = reads.as_deref().and_then(|r| r.get(rel, stamp)) {
        return Ok(read);
    }
    check_size(path, meta.len(), limit)?;
    let text = check_characters(path, Error::read_text(path)?)?;
    let source = parse_source(path, &text, taxonomies)?;
    let placed = language::place(languages, root, path)?;
    check_lang(languages, &source, &placed, &text)?;
    let read = (placed, source);
    if let Some(reads) = reads {
        reads.put(rel.to_path_buf(), stamp, &read);
    }
    Ok(read)
}

/// A front-matter `lang` must name the language the file's folder or suffix gives it.
fn check_lang(languages: &Languages, source: &Source, placed: &Placed, text: &str) -> Result<()> {
    let Some(said) = &source.meta.lang else {
        return Ok(());
    };
    let here = languages.get(placed.lang);
    let message = match languages.find(said) {
        Some(l) if l.id == here.id => return Ok(()),
        Some(l) => format!(
            "`lang` says {} but the file is {}'s by its folder or name: move or rename it, or fix `lang`",
            l.key, here.key
        ),
        None => format!(
            "`lang` {said:?} is not a language of the site ({}): use one of their keys or leave `lang` out",
            languages
                .iter()
                .map(|l| l.key.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Err(Error::input(
        key_location(&source.path, text, "lang"),
        message,
    ))
}

/// Where the top-level front matter key `key` is written in `text` (the whole file).
fn key_location(path: &Path, text: &str, key: &str) -> Location {
    let line = text.lines().enumerate().skip(1).find(|(_, line)| {
        line.strip_prefix(key)
            .is_some_and(|rest| matches!(rest.trim_start().chars().next(), Some(':' | '=')))
    });
    Location::new(path, line.map_or(1, |(i, _)| i + 1), 1)
}

impl Page {
    /// The page of `source`, placed as `placed`, at `LANGUAGE ROOT/SECTION/SLUG/`; a
    /// bundle's page (`SECTION/NAME/index.md`) is named for its folder.
    fn new(
        config: &Config,
        languages: &Languages,
        placed: &Placed,
        source: Source,
    ) -> Result<Page> {
        if source.meta.title.is_none() {
            return Err(Error::input(
                Location::new(&source.path, 1, 1),
                "missing `title` in front matter: add `title = \"…\"` (TOML) or `title: …` (YAML)",
            ));
        }
        // A bundle's folder name is its name whole (`v1.2/` is `v1.2`, not `v1`).
        let (named, stem, bundle) = match bundle::is_index(&placed.rel) {
            true => {
                let dir = placed.rel.parent().unwrap_or(&placed.rel);
                (dir, dir.file_name(), Some(Bundle::read(&source)?))
            }
            false => (placed.rel.as_path(), placed.rel.file_stem(), None),
        };
        let folder = folder_of(named);
        let stem = stem.unwrap_or_default().to_string_lossy();
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
        let root = &languages.get(placed.lang).root;
        Ok(Page {
            permalink: root.join(&[folder_path.as_str(), slug.as_str()]),
            translation_key: TranslationKey::of_page(&source.meta, &placed.rel),
            source,
            lang: placed.lang,
            section: folder,
            slug,
            bundle,
        })
    }
}

/// Every language's sections: each folder with an `_index.md` or a page, and every folder
/// above one (so breadcrumbs always resolve), by language and key, each language's home
/// page first.
fn sections(
    config: &Config,
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
            let title = match source.as_ref().and_then(|s| s.meta.title.clone()) {
                Some(title) => title,
                None if key.is_empty() => language.title.clone(),
                None => title_from_folder(&key),
            };
            Section {
                permalink: language
                    .root
                    .join(&[slugs::from_folder(config.slugs, &key)]),
                translation_key: TranslationKey::of_section(source.as_ref().map(|s| &s.meta), &key),
                lang,
                key,
                title,
                source,
            }
        })
        .collect()
}

fn check_size(path: &Path, size: u64, limit: u64) -> Result<()> {
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
