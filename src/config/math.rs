//! `[math]`: which delimiters mark formulas, the macros, what a bad formula does, and
//! which JavaScript engine runs KaTeX.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::yes;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MathErrors {
    /// A bad formula fails the build.
    #[default]
    Error,
    /// A bad formula renders as KaTeX's red error text and prints a warning.
    Warn,
}

/// Which JavaScript engine runs KaTeX; both give byte-identical output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum MathEngine {
    /// Node.js when `node` runs, else QuickJS.
    #[default]
    Auto,
    /// Node.js (`node` on `PATH`), whose JIT is about ten times faster; an error without it.
    Node,
    /// QuickJS, built into folio.
    #[serde(rename = "quickjs")]
    QuickJs,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MathConfig {
    #[serde(default)]
    pub errors: MathErrors,
    #[serde(default)]
    pub engine: MathEngine,
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
            engine: MathEngine::Auto,
            inline_dollar: true,
            display_dollar: true,
            inline_backslash: true,
            display_backslash: true,
            macros: BTreeMap::new(),
        }
    }
}
