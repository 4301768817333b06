//! Front matter: TOML between `+++` lines or YAML between `---` lines, split by hand,
//! read field by field with every known field typed and every other kept for templates.
//! Every error's position comes from the TOML or YAML parser.

mod fields;

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::Source;
use crate::date::Date;
use crate::error::{Error, Location, Result};
use crate::markdown::words::has_cjk;
use fields::{Aliases, Field};

/// The fields folio understands in front matter; everything else is kept in `extra`.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub draft: bool,
    /// Left out of the search index: `search = false`, or Hugo themes' `searchHidden = true`.
    pub search_hidden: bool,
    pub slug: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub series_order: Option<i64>,
    pub aliases: Vec<String>,
    /// Pairs the page with its translations (Hugo's `translationKey`, or `translation_key`).
    pub translation_key: Option<String>,
    /// The language the page says it is in (Hugo's `lang`): a language's key or code.
    pub lang: Option<String>,
    /// Sections only: how pages are ordered (`date`, `weight`, `title`, `series_order`).
    pub sort_by: Option<SortBy>,
    /// Sections only: pages per list page, instead of the language's `paginate_by`.
    pub paginate_by: Option<std::num::NonZeroUsize>,
    /// Terms per taxonomy name (`tags`, `categories`, `series`, …).
    pub taxonomies: BTreeMap<String, Vec<String>>,
    /// The page's own bibliography files, relative to its Markdown file.
    pub bibliography: Vec<String>,
    /// The page's own citation style, instead of the site's.
    pub citation_style: Option<String>,
    /// Where `bibliography` or `citation_style` is set, for errors about them.
    pub citations_at: Option<Location>,
    pub extra: Map<String, Value>,
}

impl FrontMatter {
    /// Terms of a taxonomy that the page lists.
    pub fn terms(&self, taxonomy: &str) -> &[String] {
        self.taxonomies.get(taxonomy).map_or(&[], Vec::as_slice)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Date,
    Weight,
    Title,
    SeriesOrder,
}

/// Read as terms at the top level whatever the config says: `series` makes series, and
/// these never were `extra`.
const BUILT_IN_TAXONOMIES: [&str; 3] = ["tags", "categories", "series"];

#[derive(Clone, Copy)]
enum Format {
    Toml,
    Yaml,
}

/// Splits front matter by hand: pulldown-cmark's metadata options would also fire on a
/// `+++` or `---` in the middle of a document. `taxonomies` names the taxonomies whose
/// terms a page may list at the top level of its front matter (`config.taxonomies`).
pub fn parse_source(path: &Path, text: &str, taxonomies: &[String]) -> Result<Source> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let source = |meta, body: &str, body_line| Source {
        path: path.to_path_buf(),
        meta,
        body: body.to_string(),
        body_line,
        has_cjk: has_cjk(text),
    };
    let fence = text.lines().next().unwrap_or_default().trim_end();
    let format = match fence {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => return Ok(source(FrontMatter::default(), text, 1)),
    };
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = start;
    let mut line_no = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if text[offset..end].trim_end() == fence {
            let fm = &text[start..offset];
            let mut meta = parse_front_matter(path, fm, format, taxonomies)?;
            meta.citations_at = ["bibliography", "citation_style"]
                .iter()
                .find_map(|key| locate_key(path, fm, key));
            return Ok(source(meta, &text[end..], line_no + 1));
        }
        offset = end;
        line_no += 1;
    }
    Err(Error::input(
        Location::new(path, 1, 1),
        format!(
            "front matter opened with `{fence}` is never closed: add a line with only `{fence}` after it"
        ),
    ))
}

/// `fm` is the front matter without its fences; it starts on line 2 of the file.
fn parse_front_matter(
    path: &Path,
    fm: &str,
    format: Format,
    taxonomies: &[String],
) -> Result<FrontMatter> {
    match format {
        Format::Toml => {
            let toml_error = |e: toml::de::Error| {
                Error::input(
                    Location::at_offset(path, fm, e.span().map_or(0, |s| s.start), 2),
                    format!("invalid TOML front matter: {}", e.message().trim()),
                )
            };
            let deserializer = toml::Deserializer::parse(fm).map_err(toml_error)?;
            Reader::<toml::Value>::new(taxonomies)
                .deserialize(deserializer)
                .map_err(toml_error)
        }
        Format::Yaml if fm.trim().is_empty() => Ok(FrontMatter::default()),
        Format::Yaml => Reader::<Value>::new(taxonomies)
            .deserialize(serde_norway::Deserializer::from_str(fm))
            .map_err(|e| {
                let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message);
                Error::input(
                    Location::new(path, line + 1, col),
                    format!("invalid YAML front matter: {message}"),
                )
            }),
    }
}

/// Each format's own value type, for the fields kept as they are in `extra`.
trait ExtraValue: DeserializeOwned {
    fn into_json(self) -> Value;
}

impl ExtraValue for Value {
    fn into_json(self) -> Value {
        self
    }
}

/// TOML's own values, so that a date and time reaches templates as the text written.
impl ExtraValue for toml::Value {
    fn into_json(self) -> Value {
        match self {
            toml::Value::String(s) => Value::String(s),
            toml::Value::Integer(i) => Value::from(i),
            toml::Value::Float(f) => Value::from(f),
            toml::Value::Boolean(b) => Value::Bool(b),
            toml::Value::Datetime(d) => Value::String(d.to_string()),
            toml::Value::Array(a) => Value::Array(a.into_iter().map(Self::into_json).collect()),
            toml::Value::Table(t) => {
                Value::Object(t.into_iter().map(|(k, v)| (k, v.into_json())).collect())
            }
        }
    }
}

/// Reads front matter key by key, each value through the parser, so that an error
/// carries the parser's position of the value.
struct Reader<'t, X> {
    taxonomies: &'t [String],
    extra: PhantomData<X>,
}

impl<'t, X> Reader<'t, X> {
    fn new(taxonomies: &'t [String]) -> Self {
        Self {
            taxonomies,
            extra: PhantomData,
        }
    }

    fn is_taxonomy(&self, key: &str) -> bool {
        BUILT_IN_TAXONOMIES.contains(&key) || self.taxonomies.iter().any(|t| t == key)
    }
}

impl<'de, X: ExtraValue> DeserializeSeed<'de> for Reader<'_, X> {
    type Value = FrontMatter;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<FrontMatter, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, X: ExtraValue> Visitor<'de> for Reader<'_, X> {
    type Value = FrontMatter;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("front matter of `key: value` (YAML) or `key = value` (TOML) lines")
    }

    /// A YAML document of comments only.
    fn visit_unit<E: serde::de::Error>(self) -> Result<FrontMatter, E> {
        Ok(FrontMatter::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FrontMatter, A::Error> {
        let mut read = Fields::default();
        while let Some(key) = map.next_key::<String>()? {
            self.read_field(&key, &mut map, &mut read)?;
        }
        let mut meta = read.meta;
        meta.updated = read.updated.or(read.lastmod);
        meta.search_hidden = read.search_hidden.unwrap_or(false) || read.search == Some(false);
        // Zola keeps theme fields under `[extra]`, Hugo at the top level: both end up in
        // `extra`, the top level winning.
        meta.extra.extend(read.top_level);
        Ok(meta)
    }
}

/// What has been read so far.
#[derive(Default)]
struct Fields {
    meta: FrontMatter,
    updated: Option<Date>,
    /// Hugo's name for `updated`, which wins when both are given.
    lastmod: Option<Date>,
    search: Option<bool>,
    /// Hugo themes' (PaperMod's) name for `search = false`.
    search_hidden: Option<bool>,
    /// Unknown top-level keys, for `extra`.
    top_level: Map<String, Value>,
}

impl<X: ExtraValue> Reader<'_, X> {
    fn read_field<'de, A: MapAccess<'de>>(
        &self,
        key: &str,
        map: &mut A,
        read: &mut Fields,
    ) -> Result<(), A::Error> {
        let meta = &mut read.meta;
        match key {
            "title" => meta.title = map.next_value_seed(Field::new(key))?,
            "date" => meta.date = map.next_value_seed(Field::new(key))?,
            "updated" => read.updated = map.next_value_seed(Field::new(key))?,
            "lastmod" => read.lastmod = map.next_value_seed(Field::new(key))?,
            "draft" => meta.draft = map.next_value_seed(Field::new(key))?.unwrap_or(false),
            "search" => read.search = map.next_value_seed(Field::new(key))?,
            "searchHidden" => read.search_hidden = map.next_value_seed(Field::new(key))?,
            "slug" => meta.slug = map.next_value_seed(Field::new(key))?,
            "summary" => meta.summary = map.next_value_seed(Field::new(key))?,
            "description" => meta.description = map.next_value_seed(Field::new(key))?,
            "weight" => meta.weight = map.next_value_seed(Field::new(key))?,
            "series_order" => meta.series_order = map.next_value_seed(Field::new(key))?,
            "aliases" => {
                let aliases: Option<Aliases> = map.next_value_seed(Field::new(key))?;
                meta.aliases = aliases.map(|a| a.0).unwrap_or_default();
            }
            "sort_by" => meta.sort_by = map.next_value_seed(Field::new(key))?,
            "paginate_by" => meta.paginate_by = map.next_value_seed(Field::new(key))?,
            "translationKey" | "translation_key" => {
                let given: Option<String> = map.next_value_seed(Field::new(key))?;
                if meta.translation_key.is_some() && given.is_some() {
                    return Err(serde::de::Error::custom(
                        "both `translationKey` and `translation_key` are set: keep one",
                    ));
                }
                meta.translation_key = meta.translation_key.take().or(given);
            }
            "lang" => meta.lang = map.next_value_seed(Field::new(key))?,
            "bibliography" => {
                meta.bibliography = map.next_value_seed(Field::new(key))?.unwrap_or_default()
            }
            "citation_style" => meta.citation_style = map.next_value_seed(Field::new(key))?,
            // Zola's table of taxonomies, any name in it.
            "taxonomies" => {
                let table = map.next_value_seed(TaxonomyTable)?;
                for (name, terms) in table {
                    add_terms(meta, name, terms);
                }
            }
            "extra" => {
                let extra: BTreeMap<String, X> = map.next_value()?;
                meta.extra
                    .extend(extra.into_iter().map(|(k, v)| (k, v.into_json())));
            }
            _ if self.is_taxonomy(key) => {
                let terms = map.next_value_seed(Field::new(key))?.unwrap_or_default();
                add_terms(meta, key.to_string(), terms);
            }
            _ => {
                let value: X = map.next_value()?;
                read.top_level.insert(key.to_string(), value.into_json());
            }
        }
        Ok(())
    }
}

/// Where `key` is set in the front matter `fm` (which starts on line 2).
fn locate_key(path: &Path, fm: &str, key: &str) -> Option<Location> {
    let mut offset = 0;
    for line in fm.split_inclusive('\n') {
        let rest = line.trim_start().trim_start_matches(['"', '\'']);
        if let Some(after) = rest.strip_prefix(key) {
            let after = after.trim_start_matches(['"', '\'']).trim_start();
            if after.starts_with('=') || after.starts_with(':') {
                let col = line.len() - line.trim_start().len();
                return Some(Location::at_offset(path, fm, offset + col, 2));
            }
        }
        offset += line.len();
    }
    None
}

fn add_terms(meta: &mut FrontMatter, taxonomy: String, terms: Vec<String>) {
    if !terms.is_empty() {
        meta.taxonomies.entry(taxonomy).or_default().extend(terms);
    }
}

/// Zola's `[taxonomies]`: taxonomy name → a term or a list of terms.
struct TaxonomyTable;

impl<'de> DeserializeSeed<'de> for TaxonomyTable {
    type Value = Vec<(String, Vec<String>)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TaxonomyTable {
    type Value = Vec<(String, Vec<String>)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table of taxonomy names and their terms for `taxonomies`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut table = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            let terms = map.next_value_seed(Field::new(&name))?.unwrap_or_default();
            table.push((name, terms));
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests;
