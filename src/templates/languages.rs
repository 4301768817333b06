//! What templates see of languages: `lang` (the current one), `site.languages`, and
//! `translations` (the thing being rendered in every language).

use serde::Serialize;

use crate::config::Config;
use crate::languages::{LangId, Language, Languages};

/// A language as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct LangView {
    #[serde(skip)]
    pub id: LangId,
    pub key: String,
    pub code: String,
    pub locale: String,
    pub name: String,
    /// The language's home page, absolute.
    pub root_url: String,
    pub is_default: bool,
}

impl LangView {
    pub fn new(config: &Config, lang: &Language) -> Self {
        LangView {
            id: lang.id,
            key: lang.key.clone(),
            code: lang.code.clone(),
            locale: lang.locale.clone(),
            name: lang.name.clone(),
            root_url: lang.root.url(config),
            is_default: lang.is_default,
        }
    }

    /// Every language, in weight order (so by [`LangId`]).
    pub fn all(config: &Config, languages: &Languages) -> Vec<LangView> {
        languages.iter().map(|l| LangView::new(config, l)).collect()
    }
}

/// One entry of `translations`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TranslationView<'a> {
    pub key: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    /// The translation, or the language's home page when there is none.
    pub permalink: String,
    pub exists: bool,
    pub current: bool,
}

/// `translations` of a thing in language `current`: for each language (in `all`, by
/// [`LangId`]), the URL `link` gives for it, or else that language's home page.
pub fn translations(
    all: &[LangView],
    current: LangId,
    link: impl Fn(LangId) -> Option<String>,
) -> Vec<TranslationView<'_>> {
    all.iter()
        .map(|lang| {
            let found = link(lang.id);
            TranslationView {
                key: &lang.key,
                code: &lang.code,
                name: &lang.name,
                exists: found.is_some(),
                permalink: found.unwrap_or_else(|| lang.root_url.clone()),
                current: lang.id == current,
            }
        })
        .collect()
}
