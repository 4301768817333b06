//! The theme's own words ("Part 3 of 12", "Contents", "Published …") and dates, in each
//! language. Built-in tables for English and Simplified Chinese are data (`en.toml`,
//! `zh.toml`); a site overrides any word in its config. Templates see one language's
//! table as `words` and fill its `{placeholders}` with Tera's `replace`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Serialize;

use crate::date::Date;
use toml::Spanned;

use crate::languages::Language;

/// A built-in table of words. Languages without a table of their own get English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    En,
    Zh,
}

impl Table {
    /// The table for a language code: `zh`, `zh-CN`, `zh-Hans`, `zh_TW` → Chinese;
    /// anything else → English.
    pub fn for_code(code: &str) -> Table {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("zh") {
            Table::Zh
        } else {
            Table::En
        }
    }

    /// The table's TOML text, as shipped in the binary.
    pub fn source(self) -> &'static str {
        match self {
            Table::En => include_str!("en.toml"),
            Table::Zh => include_str!("zh.toml"),
        }
    }

    /// The table's words, parsed once.
    pub fn words(self) -> &'static BTreeMap<String, String> {
        static EN: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| parse(Table::En));
        static ZH: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| parse(Table::Zh));
        match self {
            Table::En => &EN,
            Table::Zh => &ZH,
        }
    }

    /// "6 July 2025" or "2025年7月6日".
    pub fn format_date(self, date: &Date) -> String {
        match self {
            Table::En => date.long(),
            Table::Zh => date.strftime("%Y年%-m月%-d日"),
        }
    }
}

/// The tables are part of the binary and a unit test parses both, so this cannot fail
/// on any site's input.
fn parse(table: Table) -> BTreeMap<String, String> {
    toml::from_str(table.source()).expect("the built-in word tables are valid TOML")
}

/// A date written the way language `code` writes it: "6 July 2025", "2025年7月6日".
pub fn format_date(date: &Date, code: &str) -> String {
    Table::for_code(code).format_date(date)
}

/// The keys of `overrides` (as `config.toml` wrote them) that are not theme words (every
/// table has the same keys), each with the offset where it was written.
pub fn unknown_words<V>(
    overrides: &BTreeMap<Spanned<String>, V>,
) -> impl Iterator<Item = (usize, UnknownWord)> + '_ {
    overrides
        .keys()
        .filter(|key| !Table::En.words().contains_key(key.get_ref()))
        .map(|key| {
            let word = UnknownWord {
                key: key.get_ref().clone(),
            };
            (key.span().start, word)
        })
}

/// The taxonomies the theme has a word for; others are titled from their name.
const TAXONOMY_WORDS: [&str; 3] = ["tags", "categories", "series"];

/// The names of boxes that scroll (formula, code block, table): words the Markdown
/// writer uses, not templates.
pub const BOX_WORDS: [&str; 3] = ["scroll_formula", "scroll_code", "scroll_table"];

/// A site overrides a word the theme does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{key}` is not one of the theme's words: fix its name or remove it (the words are {})",
    Table::En.words().keys().map(String::as_str).collect::<Vec<_>>().join(", ")
)]
pub struct UnknownWord {
    pub key: String,
}

/// `words` in templates: one language's table with the site's overrides.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Words(BTreeMap<String, String>);

impl Words {
    /// The table for language `code` with `overrides` (word → text) applied. The config
    /// has checked the overrides' keys ([`check`]) when it was read.
    pub fn new<'a>(code: &str, overrides: impl IntoIterator<Item = (&'a str, &'a str)>) -> Words {
        let mut words = Table::for_code(code).words().clone();
        words.extend(
            overrides
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        Words(words)
    }

    /// The words of `lang`: its table with its `[languages.KEY.words]`.
    pub fn of(lang: &Language) -> Words {
        let overrides = lang.words.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        Words::new(&lang.code, overrides)
    }

    /// The word `key`; the key itself for a word no table has.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    /// The title of taxonomy `name`: the theme's word for it ("Tags", "标签"), or for a
    /// taxonomy the theme has no word for, the name as a title ("Reading Lists").
    pub fn taxonomy_title(&self, name: &str) -> String {
        match self.0.get(name) {
            Some(word) if TAXONOMY_WORDS.contains(&name) => word.clone(),
            _ => crate::content::title_from_folder(name),
        }
    }
}

#[cfg(test)]
mod tests;
