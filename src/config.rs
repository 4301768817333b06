//! `config.toml`: the site's settings, with Zola-like names. Unknown keys are errors.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location, Result};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub base_url: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub language: Language,
    #[serde(default = "default_summary_length")]
    pub summary_length: usize,
    #[serde(default = "default_taxonomies")]
    pub taxonomies: Vec<String>,
    #[serde(default = "default_output_dir")]
    pub output_dir: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub menu: Vec<MenuItem>,
    #[serde(default)]
    pub math: MathConfig,
    #[serde(default)]
    pub highlight: HighlightConfig,
    #[serde(default)]
    pub search: SearchConfig,
    /// Free-form values for templates, as `config.extra.KEY`.
    #[serde(default)]
    pub extra: BTreeMap<String, toml::Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    #[serde(default = "default_lang")]
    pub code: String,
    #[serde(default = "default_locale")]
    pub locale: String,
    /// Whether the site lives under `/CODE/` (Hugo's `defaultContentLanguageInSubdir`).
    #[serde(default)]
    pub subfolder: bool,
}

impl Default for Language {
    fn default() -> Self {
        Self {
            code: default_lang(),
            locale: default_locale(),
            subfolder: false,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    /// A site path such as `/transfer-learning/`, joined to the language root.
    pub path: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MathErrors {
    /// A bad formula fails the build.
    #[default]
    Error,
    /// A bad formula renders as KaTeX's red error text and prints a warning.
    Warn,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MathConfig {
    #[serde(default)]
    pub errors: MathErrors,
    /// `$…$`
    #[serde(default = "yes")]
    pub inline_dollar: bool,
    /// `$$…$$`
    #[serde(default = "yes")]
    pub display_dollar: bool,
    /// `\(…\)`
    #[serde(default = "yes")]
    pub inline_backslash: bool,
    /// `\[…\]`
    #[serde(default = "yes")]
    pub display_backslash: bool,
    /// LaTeX macros applied to every formula, e.g. `"\\R" = "\\mathbb{R}"`.
    #[serde(default)]
    pub macros: BTreeMap<String, String>,
}

impl Default for MathConfig {
    fn default() -> Self {
        Self {
            errors: MathErrors::Error,
            inline_dollar: true,
            display_dollar: true,
            inline_backslash: true,
            display_backslash: true,
            macros: BTreeMap::new(),
        }
    }
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
fn default_lang() -> String {
    "en".into()
}
fn default_locale() -> String {
    "en_US".into()
}

impl Config {
    /// Reads and validates `config.toml`.
    pub fn load(path: &Path) -> Result<Config> {
        if !path.is_file() {
            return Err(Error::Output {
                path: path.to_path_buf(),
                message: "not found: a site needs a config.toml with `base_url` and `title`; point --root at the site's folder, or create a site with `folio init DIR`".into(),
            });
        }
        let text = Error::read_text(path)?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            Error::input(
                Location::at_offset(path, text, offset, 1),
                format!("invalid config: {}", e.message()),
            )
        })?;
        let url_line = Location::at_offset(path, text, text.find("base_url").unwrap_or(0), 1);
        if !(config.base_url.starts_with("http://") || config.base_url.starts_with("https://")) {
            return Err(Error::input(
                url_line,
                "`base_url` must be an absolute http(s) URL such as \"https://example.com/\"",
            ));
        }
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        Ok(config)
    }

    /// `https://host` of `base_url`, without any path.
    pub fn origin(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        match self.base_url[after_scheme..].find('/') {
            Some(i) => &self.base_url[..after_scheme + i],
            None => &self.base_url,
        }
    }

    /// The path of `base_url`: `/`, or `/repo/` for a site in a subfolder.
    pub fn base_path(&self) -> &str {
        &self.base_url[self.origin().len()..]
    }

    /// The root URL of the site's language: `BASE/` or `BASE/LANG/`.
    pub fn language_root(&self) -> String {
        format!("{}{}", self.origin(), self.language_path())
    }

    /// The site path of the language root: `BASE_PATH` or `BASE_PATH/LANG/`.
    pub fn language_path(&self) -> String {
        if self.language.subfolder {
            format!("{}{}/", self.base_path(), self.language.code)
        } else {
            self.base_path().to_string()
        }
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
    fn defaults_and_language_root() {
        let text = "base_url = \"https://x.org\"\ntitle = \"T\"\n[language]\ncode = \"en\"\nsubfolder = true\n";
        let c = Config::parse(text, Path::new("config.toml")).unwrap();
        assert_eq!(c.summary_length, 70);
        assert_eq!(c.output_dir, "public");
        assert_eq!(c.language_root(), "https://x.org/en/");
        assert_eq!(c.taxonomies, ["tags", "categories", "series"]);
        let sub = Config::parse(
            "base_url = \"https://u.io/repo\"\ntitle = \"T\"\n",
            Path::new("c"),
        )
        .unwrap();
        assert_eq!(sub.origin(), "https://u.io");
        assert_eq!(sub.language_path(), "/repo/");
    }
}
