//! Citations: bibliographies in BibLaTeX or Hayagriva YAML, read with `hayagriva`, and
//! pandoc's citations formatted in one of hayagriva's bundled CSL styles, each cited
//! work linked to its entry in the page's reference list.

mod format;
mod html;
mod library;

use std::fmt;

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::{CitationFormat, IndependentStyle, Style, StyleCategory};
use serde::{Deserialize, Deserializer};

pub use format::{Cited, Styling, format};
pub use library::{Libraries, Library};

/// `[bibliography]` in `config.toml`.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct BibliographyConfig {
    /// The site's bibliography files (`.bib` or `.yaml`), relative to the site folder.
    #[serde(default)]
    pub file: Files,
    #[serde(default)]
    pub style: CitationStyle,
    /// The heading of a reference list the author did not place.
    #[serde(default = "default_title")]
    pub title: String,
}

fn default_title() -> String {
    "References".into()
}

/// One file or a list of them.
#[derive(Debug, Clone, Default)]
pub struct Files(pub Vec<String>);

impl<'de> Deserialize<'de> for Files {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        Ok(Files(match OneOrMany::deserialize(deserializer)? {
            OneOrMany::One(file) => vec![file],
            OneOrMany::Many(files) => files,
        }))
    }
}

/// A CSL style bundled with hayagriva, by name: `ieee`, `apa`, `chicago-author-date`…
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CitationStyle(ArchivedStyle);

impl Default for CitationStyle {
    fn default() -> Self {
        CitationStyle(ArchivedStyle::InstituteOfElectricalAndElectronicsEngineers)
    }
}

impl fmt::Debug for CitationStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.names()[0])
    }
}

impl CitationStyle {
    pub fn by_name(name: &str) -> Result<Self, String> {
        ArchivedStyle::by_name(name).map(CitationStyle).ok_or_else(|| {
            format!("unknown citation style `{name}`: use one bundled with hayagriva, such as ieee, apa, chicago-author-date, mla, nature, vancouver or springer-basic-author-date")
        })
    }

    /// The style itself; every bundled style is an independent one.
    pub fn load(self) -> IndependentStyle {
        match self.0.get() {
            Style::Independent(style) => style,
            Style::Dependent(_) => unreachable!("hayagriva bundles independent styles only"),
        }
    }
}

impl<'de> Deserialize<'de> for CitationStyle {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        CitationStyle::by_name(&name).map_err(serde::de::Error::custom)
    }
}

/// Whether citations of `style` are numbers (`[1]`), which show no author to leave out.
fn is_numeric(style: &IndependentStyle) -> bool {
    style.info.category.iter().any(|c| {
        matches!(
            c,
            StyleCategory::CitationFormat {
                format: CitationFormat::Numeric | CitationFormat::Label
            }
        )
    })
}

#[cfg(test)]
mod tests;
