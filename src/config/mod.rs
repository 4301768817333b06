//! `config.toml`: the site's settings, with Zola-like names. Unknown keys are errors.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Deserializer};
use toml::Spanned;
use url::{Position, Url};

use crate::cite::BibliographyConfig;
use crate::crossref::ReferencesConfig;
use crate::error::{Error, Location, Result};
use crate::languages::{self, LanguageConfig};

mod math;
pub use math::{MathConfig, MathEngine, MathErrors};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub base_url: BaseUrl,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// The key of the language at the site root (or in its own subfolder).
    #[serde(default = "default_language")]
    pub default_language: Spanned<String>,
    /// Hugo's `defaultContentLanguageInSubdir`: the default language lives under `/KEY/`
    /// too, and `/` redirects there.
    #[serde(default)]
    pub default_language_in_subfolder: bool,
    /// By key; without any, the site has one language, `default_language`.
    #[serde(default)]
    pub languages: BTreeMap<String, Spanned<LanguageConfig>>,
    /// The old single-language table, refused with a pointer to its replacement.
    #[serde(default)]
    language: Option<Spanned<toml::Value>>,
    #[serde(default = "default_summary_length")]
    pub summary_length: usize,
    #[serde(default = "default_taxonomies")]
    pub taxonomies: Vec<String>,
    #[serde(default = "default_output_dir")]
    pub output_dir: String,
    #[serde(default)]
    pub author: String,
    /// Hugo's `hasCJKLanguage`: pages holding CJK text count each CJK character as a word.
    #[serde(default)]
    pub has_cjk_language: bool,
    #[serde(default)]
    pub slugs: Slugs,
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    #[serde(default)]
    pub math: MathConfig,
    #[serde(default)]
    pub highlight: HighlightConfig,
    #[serde(default)]
    pub limits: Limits,
    #[serde(default)]
    pub search: SearchConfig,
    /// Hugo's `pagerSize`: lists show this many pages per page; unset, all on one.
    pub paginate_by: Option<std::num::NonZeroUsize>,
    #[serde(default)]
    pub feeds: crate::feed::FeedsConfig,
    /// Numbered equations, figures and tables, and references to them.
    #[serde(default)]
    pub references: ReferencesConfig,
    /// The site's bibliography and citation style.
    #[serde(default)]
    pub bibliography: BibliographyConfig,
    /// Free-form values for templates, as `config.extra.KEY`.
    #[serde(default)]
    pub extra: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    /// A site path such as `/transfer-learning/`, joined to the language root.
    pub path: String,
}

/// How file names, `slug`s, terms and headings become URL paths and ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Slugs {
    /// Hugo's rule: lowercased, other characters kept, percent-encoded in URLs.
    #[default]
    Unicode,
    /// Transliterated to ASCII (`基础` → `ji-chu`).
    Ascii,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HighlightConfig {
    /// Highlight fenced code at build time with CSS classes.
    #[serde(default = "yes")]
    pub enabled: bool,
}

impl Default for HighlightConfig {
    fn default() -> Self {
        Self { enabled: true }
    }
}

/// Bounds on what a build takes and makes, so a mistake (a generated file, a loop in a
/// script that writes content) fails clearly instead of filling the disk.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// The largest Markdown file read, in bytes.
    #[serde(default = "default_max_markdown_bytes")]
    pub max_markdown_bytes: u64,
    /// The most files one build writes.
    #[serde(default = "default_max_files")]
    pub max_files: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_markdown_bytes: default_max_markdown_bytes(),
            max_files: default_max_files(),
        }
    }
}

fn default_max_markdown_bytes() -> u64 {
    8 * 1024 * 1024
}
fn default_max_files() -> usize {
    100_000
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Index the pages and render `search.html`; unset, search is on when the site has
    /// its own `templates/search.html`.
    pub enabled: Option<bool>,
}

fn yes() -> bool {
    true
}
fn default_summary_length() -> usize {
    70
}
fn default_taxonomies() -> Vec<String> {
    ["tags", "categories", "series"].map(String::from).to_vec()
}
fn default_output_dir() -> String {
    "public".into()
}
fn default_language() -> Spanned<String> {
    Spanned::new(0..0, "en".into())
}

impl Config {
    /// Reads and validates `config.toml`.
    pub fn load(path: &Path) -> Result<Config> {
        if !path.is_file() {
            return Err(Error::Missing {
                path: path.to_path_buf(),
                hint: "a site needs a config.toml with `base_url` and `title`; run folio in the site's folder or point --root at it, or create a site with `folio init DIR`",
            });
        }
        let text = Error::read_text(path)?;
        Self::parse(&text, path)
    }

    /// Every error, a bad `base_url` included, is placed where the TOML parser saw it.
    /// Content folders of `[languages]` are looked for beside `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            Error::input(
                Location::at_offset(path, text, offset, 1),
                format!("invalid config: {}", e.message().trim()),
            )
        })?;
        if let Some(old) = &config.language {
            return Err(Error::input(
                Location::at_offset(path, text, old.span().start, 1),
                "the `[language]` table is gone: write `default_language_in_subfolder = true` for `subfolder`, and `code` and `locale` under `[languages.KEY]` (see the README's Languages)",
            ));
        }
        languages::check(&config, text, path)?;
        Ok(config)
    }

    /// `--base-url`: another address for the same site, e.g. a preview or `folio serve`.
    pub fn override_base_url(&mut self, url: &str) -> Result<()> {
        self.base_url = BaseUrl::parse(url).map_err(|problem| Error::Argument {
            flag: "--base-url",
            value: url.to_string(),
            problem: format!("the URL {problem}"),
        })?;
        Ok(())
    }

    /// `https://host` of `base_url`, without any path.
    pub fn origin(&self) -> &str {
        self.base_url.origin()
    }

    /// The path of `base_url`: `/`, or `/repo/` for a site in a subfolder.
    pub fn base_path(&self) -> &str {
        self.base_url.path()
    }
}

/// The absolute http(s) URL a site lives at; its path always ends in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// On failure, what is wrong, to follow "`base_url`" or "the URL".
    pub fn parse(text: &str) -> std::result::Result<BaseUrl, &'static str> {
        let bad = "must be an absolute http(s) URL such as \"https://example.com/\"";
        let mut url = Url::parse(text).map_err(|_| bad)?;
        if !matches!(url.scheme(), "http" | "https") || !url.has_host() {
            return Err(bad);
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err("must not have a ?query or a #fragment: remove them");
        }
        if !url.path().ends_with('/') {
            url.set_path(&format!("{}/", url.path()));
        }
        Ok(BaseUrl(url))
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    pub fn as_url(&self) -> &Url {
        &self.0
    }

    /// `https://host[:port]`, without the path.
    pub fn origin(&self) -> &str {
        &self.0[..Position::BeforePath]
    }

    /// `/`, or `/repo/` for a site in a subfolder.
    pub fn path(&self) -> &str {
        self.0.path()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for BaseUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        BaseUrl::parse(&text)
            .map_err(|problem| serde::de::Error::custom(format!("`base_url` {problem}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_key_and_line() {
        let text = "base_url = \"https://x.org\"\ntitle = \"T\"\ncolour = 1\n";
        let err = Config::parse(text, Path::new("config.toml")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("config.toml:3:1:"), "{msg}");
        assert!(msg.contains("colour"), "{msg}");
    }

    #[test]
    fn defaults_and_base_path() {
        let text = "base_url = \"https://x.org\"\ntitle = \"T\"\n";
        let c = Config::parse(text, Path::new("config.toml")).unwrap();
        assert_eq!(c.summary_length, 70);
        assert_eq!(c.output_dir, "public");
        assert_eq!(c.default_language.get_ref(), "en");
        assert!(!c.default_language_in_subfolder && c.languages.is_empty());
        assert_eq!(c.taxonomies, ["tags", "categories", "series"]);
        let sub = Config::parse(
            "base_url = \"https://u.io/repo\"\ntitle = \"T\"\n",
            Path::new("c"),
        )
        .unwrap();
        assert_eq!(sub.origin(), "https://u.io");
        assert_eq!(sub.base_path(), "/repo/");
        assert_eq!(sub.base_url.as_str(), "https://u.io/repo/");
    }

    #[test]
    fn the_old_language_table_says_what_replaces_it() {
        let text = "base_url = \"https://x.org\"\ntitle = \"T\"\n[language]\ncode = \"en\"\n";
        let msg = Config::parse(text, Path::new("config.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.starts_with("config.toml:3:1:"), "{msg}");
        assert!(msg.contains("default_language_in_subfolder"), "{msg}");
    }

    #[test]
    fn bad_base_urls() {
        for url in [
            "example.com",
            "/blog/",
            "ftp://x.org/",
            "https://x.org/?a=1",
            "mailto:a@b.c",
        ] {
            assert!(BaseUrl::parse(url).is_err(), "{url}");
        }
        let mut c = Config::parse(
            "base_url = \"https://x.org\"\ntitle = \"T\"\n",
            Path::new("c"),
        )
        .unwrap();
        c.override_base_url("http://127.0.0.1:1111").unwrap();
        assert_eq!(c.base_url.as_str(), "http://127.0.0.1:1111/");
        let err = c
            .override_base_url("localhost:1111")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("--base-url \"localhost:1111\": the URL must be"),
            "{err}"
        );
    }

    /// The error is where the value is, not where the key's name first appears.
    #[test]
    fn a_comment_naming_base_url_does_not_move_its_error() {
        let text =
            "# base_url: where the site will live\ntitle = \"T\"\nbase_url = \"example.com\"\n";
        let err = Config::parse(text, Path::new("config.toml"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "config.toml:3:12: invalid config: `base_url` must be an absolute http(s) URL"
            ),
            "{err}"
        );
    }
}
