//! folio's `config.toml` as the import writes it: the language-aware schema
//! (`default_language`, `[languages.KEY]`, …) and the keys of the README's config table.
//! Values that have a folio default are written anyway when Hugo's default differs or
//! when writing them makes the carried-over setting plain to see.

use std::collections::BTreeMap;

use serde::Serialize;
use toml::Table;

#[derive(Debug, Clone, Serialize)]
pub struct FolioConfig {
    pub base_url: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub summary_length: i64,
    pub taxonomies: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_dir: Option<String>,
    pub default_language: String,
    pub default_language_in_subfolder: bool,
    pub has_cjk_language: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paginate_by: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub menu: Vec<MenuItem>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub languages: BTreeMap<String, Language>,
    pub math: Math,
    pub highlight: Highlight,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feeds: Option<Feeds>,
    #[serde(skip_serializing_if = "Table::is_empty")]
    pub extra: Table,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MenuItem {
    pub name: String,
    pub path: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Language {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_dir: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cjk: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taxonomies: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paginate_by: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub menu: Vec<MenuItem>,
    #[serde(skip_serializing_if = "Table::is_empty")]
    pub extra: Table,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MathErrors {
    Warn,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Math {
    pub errors: MathErrors,
    pub inline_dollar: bool,
    pub display_dollar: bool,
    pub inline_backslash: bool,
    pub display_backslash: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Highlight {
    pub enabled: bool,
}

/// `[feeds]`, written only when Hugo's feeds had a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Feeds {
    pub limit: i64,
}
