//! The site's languages: `[languages.KEY]` as `config.toml` writes them, checked, and
//! resolved into what loading and rendering read (codes, locales, roots, folders).

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::config::{Config, MenuItem};
use crate::content::Permalink;
use crate::error::{Error, Location, Result};

/// `[languages.KEY]` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// Shown in the language switch; default: the key.
    pub name: Option<String>,
    /// `<html lang>`, the feed's `<language>`, hreflang; default: the key.
    pub code: Option<String>,
    /// `og:locale`; default: the code with `_` for `-`.
    pub locale: Option<String>,
    /// Order in the switch and the sitemap index.
    #[serde(default)]
    pub weight: i64,
    /// The language's own content folder, relative to the site root.
    pub content_dir: Option<Spanned<String>>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Whether CJK characters count as one word each; default: for zh, ja and ko codes.
    pub cjk: Option<bool>,
    pub taxonomies: Option<Vec<String>>,
    pub menu: Option<Vec<MenuItem>>,
    /// Overrides of the theme's words (`crate::i18n`), by key, with where each key was
    /// written.
    #[serde(default)]
    pub words: BTreeMap<Spanned<String>, String>,
    /// Merged over the site's `[extra]`.
    #[serde(default)]
    pub extra: BTreeMap<String, toml::Value>,
    /// This language's lists also show the pages that have no translation in it.
    #[serde(default)]
    pub show_untranslated: bool,
    /// Pages per list page in this language, instead of the site's `paginate_by`.
    pub paginate_by: Option<NonZeroUsize>,
}

/// A language by its place in [`Languages`], which is weight order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LangId(usize);

impl LangId {
    pub fn index(self) -> usize {
        self.0
    }
}

/// A language with every default filled in.
#[derive(Debug, Clone)]
pub struct Language {
    pub id: LangId,
    pub key: String,
    pub name: String,
    pub code: String,
    pub locale: String,
    pub is_default: bool,
    /// Its home page: the site root, or `KEY/` below it.
    pub root: Permalink,
    /// Its own content folder (as `config.toml` names it, relative to the site root).
    pub content_dir: Option<PathBuf>,
    pub title: String,
    pub description: String,
    pub cjk: bool,
    pub taxonomies: Vec<String>,
    pub menu: Vec<MenuItem>,
    pub words: BTreeMap<String, String>,
    /// The site's `[extra]` with the language's merged over it.
    pub extra: BTreeMap<String, toml::Value>,
    pub show_untranslated: bool,
    /// Pages per list page where a section does not say; `None`: lists are not split.
    pub paginate_by: Option<NonZeroUsize>,
}

/// Every language of the site, in weight order (then by key).
#[derive(Debug, Clone)]
pub struct Languages {
    all: Vec<Language>,
}

impl Languages {
    /// Resolves the languages of a checked config: without `[languages]`, the site has
    /// one language, `default_language`, with every default.
    pub fn new(config: &Config) -> Self {
        let fallback = BTreeMap::from([(
            config.default_language.get_ref().clone(),
            Spanned::new(0..0, LanguageConfig::default()),
        )]);
        let written = if config.languages.is_empty() {
            &fallback
        } else {
            &config.languages
        };
        let mut order: Vec<(&String, &LanguageConfig)> =
            written.iter().map(|(k, v)| (k, v.get_ref())).collect();
        order.sort_by_key(|(key, l)| (l.weight, key.as_str()));
        let all = order
            .into_iter()
            .enumerate()
            .map(|(i, (key, l))| resolve(config, LangId(i), key, l))
            .collect();
        Languages { all }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Language> {
        self.all.iter()
    }

    pub fn get(&self, id: LangId) -> &Language {
        &self.all[id.0]
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// The language `default_language` names (a checked config always has it).
    pub fn default_language(&self) -> &Language {
        self.all
            .iter()
            .find(|l| l.is_default)
            .unwrap_or(&self.all[0])
    }

    /// The language whose key, or else code, is `name`.
    pub fn find(&self, name: &str) -> Option<&Language> {
        (self.all.iter().find(|l| l.key == name))
            .or_else(|| self.all.iter().find(|l| l.code == name))
    }
}

fn resolve(config: &Config, id: LangId, key: &str, l: &LanguageConfig) -> Language {
    let is_default = key == config.default_language.get_ref();
    let code = l.code.clone().unwrap_or_else(|| key.to_string());
    let root = if is_default && !config.default_language_in_subfolder {
        Permalink::site_root(config, "")
    } else {
        Permalink::site_root(config, &format!("{key}/"))
    };
    let mut extra = config.extra.clone();
    merge(&mut extra, &l.extra);
    Language {
        id,
        key: key.to_string(),
        name: l.name.clone().unwrap_or_else(|| key.to_string()),
        locale: l.locale.clone().unwrap_or_else(|| code.replace('-', "_")),
        cjk: config.has_cjk_language || l.cjk.unwrap_or_else(|| is_cjk_code(&code)),
        code,
        is_default,
        root,
        content_dir: l.content_dir.as_ref().map(|d| PathBuf::from(d.get_ref())),
        title: l.title.clone().unwrap_or_else(|| config.title.clone()),
        description: (l.description.clone()).unwrap_or_else(|| config.description.clone()),
        taxonomies: (l.taxonomies.clone()).unwrap_or_else(|| config.taxonomies.clone()),
        menu: l.menu.clone().unwrap_or_else(|| config.menu.clone()),
        words: (l.words.iter())
            .map(|(key, text)| (key.get_ref().clone(), text.clone()))
            .collect(),
        extra,
        show_untranslated: l.show_untranslated,
        paginate_by: l.paginate_by.or(config.paginate_by),
    }
}

/// Chinese, Japanese and Korean, by the code's primary subtag (`zh-CN` → `zh`).
fn is_cjk_code(code: &str) -> bool {
    let primary = code.split(['-', '_']).next().unwrap_or_default();
    ["zh", "ja", "ko"].contains(&primary.to_ascii_lowercase().as_str())
}

/// `over` merged into `base`; tables merge key by key, anything else replaces.
fn merge(base: &mut BTreeMap<String, toml::Value>, over: &BTreeMap<String, toml::Value>) {
    for (key, value) in over {
        match base.get_mut(key) {
            Some(b) => merge_value(b, value),
            None => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

fn merge_value(base: &mut toml::Value, over: &toml::Value) {
    match (base, over) {
        (toml::Value::Table(b), toml::Value::Table(o)) => {
            for (key, value) in o {
                match b.get_mut(key) {
                    Some(bv) => merge_value(bv, value),
                    None => {
                        b.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (b, o) => *b = o.clone(),
    }
}

/// Checks `[languages]` and `default_language` of `config`, read from `text` at `path`.
pub fn check(config: &Config, text: &str, path: &Path) -> Result<()> {
    let at = |offset: usize| Location::at_offset(path, text, offset, 1);
    let mut errors = Vec::new();
    for (key, l) in &config.languages {
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            errors.push(Error::input(
                at(l.span().start),
                format!("language key {key:?} becomes the language's URL folder: use letters, digits, `-` or `_`, such as `zh` or `pt-br`"),
            ));
        }
        if l.get_ref()
            .code
            .as_deref()
            .is_some_and(|c| c.trim().is_empty())
        {
            errors.push(Error::input(
                at(l.span().start),
                format!("`[languages.{key}] code` is empty: write a language code such as \"zh-CN\", or leave it out to use {key:?}"),
            ));
        }
        for (offset, e) in crate::i18n::unknown_words(&l.get_ref().words) {
            let message = format!("in [languages.{key}.words]: {e}");
            errors.push(Error::input(at(offset), message));
        }
    }
    check_default(config, &at, &mut errors);
    check_content_dirs(config, &at, &mut errors);
    Error::collect(errors)
}

fn check_default(config: &Config, at: &dyn Fn(usize) -> Location, errors: &mut Vec<Error>) {
    let default = config.default_language.get_ref();
    if config.languages.is_empty() || config.languages.contains_key(default) {
        return;
    }
    let keys: Vec<&str> = config.languages.keys().map(String::as_str).collect();
    // Not written: point at the first language instead.
    let offset = match config.default_language.span() {
        s if s.is_empty() => config.languages.values().map(|l| l.span().start).min(),
        s => Some(s.start),
    };
    errors.push(Error::input(
        at(offset.unwrap_or(0)),
        format!(
            "the default language {default:?} is not one of [languages] ({}): set `default_language` to one of them, or add `[languages.{default}]`",
            keys.join(", ")
        ),
    ));
}

/// Two languages in one folder is an error. A folder that is not there is not: as in
/// Hugo, that language has no pages yet (the build warns, [`missing_content_dirs`]).
fn check_content_dirs(config: &Config, at: &dyn Fn(usize) -> Location, errors: &mut Vec<Error>) {
    let mut seen: BTreeMap<PathBuf, &str> = BTreeMap::new();
    for (key, l) in &config.languages {
        let Some(dir) = &l.get_ref().content_dir else {
            continue;
        };
        let normal: PathBuf = Path::new(dir.get_ref()).components().collect();
        if let Some(first) = seen.get(&normal) {
            errors.push(Error::input(
                at(dir.span().start),
                format!("`content_dir` {:?} is also the content folder of {first}: give each language its own folder", dir.get_ref()),
            ));
            continue;
        }
        seen.insert(normal, key);
    }
}

/// A warning for each language whose `content_dir` is not a folder below `site_root`:
/// it builds with no pages, which a typo in the path would also give.
pub fn missing_content_dirs(languages: &Languages, site_root: &Path, config: &Path) -> Vec<String> {
    languages
        .iter()
        .filter_map(|l| Some((l, l.content_dir.as_ref()?)))
        .filter(|(_, dir)| !site_root.join(dir).is_dir())
        .map(|(l, dir)| {
            format!(
                "warning: {}: `[languages.{}] content_dir` {:?} is not a folder, so {} has no pages, only its home page and lists: create the folder, or fix the path (it is relative to the folder of config.toml)",
                config.display(),
                l.key,
                dir.display(),
                l.key
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
