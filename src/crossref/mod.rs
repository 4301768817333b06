//! Numbered equations, figures and tables across the site: every page's labels are
//! numbered (per page, or per series as `5.3`), and every reference is resolved to the
//! page and label it names, within the page first, then its series, or on the page an
//! explicit link names.

mod find;
mod number;

use serde::Deserialize;

pub use find::{Index, Target};
pub use number::Numbers;

use crate::markdown::slots::{LabelKind, RefForm};

/// `[references]` in `config.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferencesConfig {
    /// `page`: (1), (2)… on every page; `series`: (5.1), (5.2)… on Part 5 of a series.
    #[serde(default)]
    pub numbering: Numbering,
    /// The word before a figure's number, in captions and `@fig-…` references.
    #[serde(default = "default_figure")]
    pub figure: String,
    /// The word before a table's number.
    #[serde(default = "default_table")]
    pub table: String,
}

impl Default for ReferencesConfig {
    fn default() -> Self {
        Self {
            numbering: Numbering::default(),
            figure: default_figure(),
            table: default_table(),
        }
    }
}

fn default_figure() -> String {
    "Figure".into()
}

fn default_table() -> String {
    "Table".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Numbering {
    #[default]
    Page,
    Series,
}

/// A page or section as references see it.
pub struct Document<'a> {
    /// Its Markdown file, for messages.
    pub path: &'a std::path::Path,
    /// Its absolute URL, which links to its labels start with.
    pub url: String,
    /// Its series (any id shared by the parts) and its part number, from 1.
    pub series: Option<(usize, usize)>,
    pub labels: &'a [crate::markdown::slots::Label],
}

/// What a reference shows: `(3)`, `3`, `Figure 3`.
pub fn shown(config: &ReferencesConfig, kind: LabelKind, form: RefForm, number: &str) -> String {
    match (form, kind) {
        (RefForm::Ref | RefForm::Bare, _) => number.to_string(),
        (RefForm::Eqref, _) | (RefForm::Quarto, LabelKind::Equation) => format!("({number})"),
        (RefForm::Quarto, LabelKind::Figure) => format!("{} {number}", config.figure),
        (RefForm::Quarto, LabelKind::Table) => format!("{} {number}", config.table),
    }
}

/// The caption's opening words: `Figure 3:`.
pub fn caption(config: &ReferencesConfig, kind: LabelKind, number: &str) -> String {
    let word = match kind {
        LabelKind::Figure => &config.figure,
        LabelKind::Table => &config.table,
        LabelKind::Equation => return format!("({number})"),
    };
    format!("{word} {number}:")
}

#[cfg(test)]
mod tests;
