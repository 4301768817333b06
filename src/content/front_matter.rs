//! Front matter: TOML between `+++` lines or YAML between `---` lines, split by hand,
//! with every known field typed and every other kept for templates.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::ZonedDateTime as Zoned;
use serde_json::{Map, Value};

use super::Source;
use crate::error::{Error, Location, Result};

/// The fields folio understands in front matter; everything else is kept in `extra`.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<Zoned>,
    pub updated: Option<Zoned>,
    pub draft: bool,
    pub slug: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub weight: Option<i64>,
    pub series_order: Option<i64>,
    pub aliases: Vec<String>,
    /// Sections only: how pages are ordered (`date`, `weight`, `title`, `series_order`).
    pub sort_by: Option<SortBy>,
    /// Terms per taxonomy name (`tags`, `categories`, `series`, …).
    pub taxonomies: BTreeMap<String, Vec<String>>,
    /// The page's own bibliography files, relative to its Markdown file.
    pub bibliography: Vec<String>,
    /// The page's own citation style, overriding the site's.
    pub citation_style: Option<String>,
    /// Where `bibliography` and `citation_style` are set, for errors about them.
    pub citations_at: Option<Location>,
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Date,
    Weight,
    Title,
    SeriesOrder,
}

#[derive(Clone, Copy)]
enum Format {
    Toml,
    Yaml,
}

/// Splits front matter by hand: pulldown-cmark's metadata options would also fire on a
/// `+++` or `---` in the middle of a document.
pub fn parse_source(path: &Path, text: &str) -> Result<Source> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default().trim_end();
    let format = match first {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => {
            return Ok(Source {
                path: path.to_path_buf(),
                meta: FrontMatter::default(),
                body: text.to_string(),
                body_line: 1,
            });
        }
    };
    let mut offset = text.find('\n').map_or(text.len(), |i| i + 1);
    let fm_start = offset;
    let mut line_no = 1;
    loop {
        if offset >= text.len() {
            return Err(Error::input(
                Location::new(path, 1, 1),
                format!(
                    "front matter opened with `{first}` is never closed: add a line with only `{first}` after it"
                ),
            ));
        }
        line_no += 1;
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if text[offset..end].trim_end() == first {
            let fm = &text[fm_start..offset];
            let meta = parse_front_matter(path, fm, format)?;
            return Ok(Source {
                path: path.to_path_buf(),
                meta,
                body: text[end..].to_string(),
                body_line: line_no + 1,
            });
        }
        offset = end;
    }
}

fn parse_front_matter(path: &Path, fm: &str, format: Format) -> Result<FrontMatter> {
    let map = match format {
        Format::Toml => {
            let table: toml::Table = toml::from_str(fm).map_err(|e| {
                Error::input(
                    Location::at_offset(path, fm, e.span().map_or(0, |s| s.start), 2),
                    format!("invalid TOML front matter: {}", e.message().trim()),
                )
            })?;
            match toml_to_json(toml::Value::Table(table)) {
                Value::Object(m) => m,
                _ => Map::new(),
            }
        }
        Format::Yaml => {
            if fm.trim().is_empty() {
                Map::new()
            } else {
                let value: Value = serde_norway::from_str(fm).map_err(|e| {
                    let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                    let message = e.to_string();
                    let message = message.split(" at line ").next().unwrap_or(&message);
                    Error::input(
                        Location::new(path, line + 1, col),
                        format!("invalid YAML front matter: {message}"),
                    )
                })?;
                match value {
                    Value::Object(m) => m,
                    Value::Null => Map::new(),
                    _ => {
                        return Err(Error::input(
                            Location::new(path, 2, 1),
                            "front matter must be a set of `key: value` lines",
                        ));
                    }
                }
            }
        }
    };
    FrontMatter::from_map(map, &|key| locate_key(path, fm, key))
}

/// Where `key` is set in the front matter text (line 2 is its first line).
fn locate_key(path: &Path, fm: &str, key: &str) -> Location {
    let mut offset = 0;
    for line in fm.split_inclusive('\n') {
        let rest = line.trim_start().trim_start_matches('"');
        if let Some(after) = rest.strip_prefix(key) {
            let after = after.trim_start_matches('"').trim_start();
            if after.starts_with('=') || after.starts_with(':') {
                let col = line.len() - line.trim_start().len();
                return Location::at_offset(path, fm, offset + col, 2);
            }
        }
        offset += line.len();
    }
    Location::new(path, 1, 1)
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

const TAXONOMY_KEYS: [&str; 3] = ["tags", "categories", "series"];

impl FrontMatter {
    fn from_map(mut map: Map<String, Value>, at: &dyn Fn(&str) -> Location) -> Result<Self> {
        let mut meta = FrontMatter::default();
        let string = |map: &mut Map<String, Value>, key: &str| -> Result<Option<String>> {
            match map.remove(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(Value::Number(n)) => Ok(Some(n.to_string())),
                Some(_) => Err(Error::input(at(key), format!("`{key}` must be a string"))),
            }
        };
        let integer = |map: &mut Map<String, Value>, key: &str| -> Result<Option<i64>> {
            match map.remove(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) if n.is_i64() => Ok(n.as_i64()),
                Some(_) => Err(Error::input(
                    at(key),
                    format!("`{key}` must be a whole number"),
                )),
            }
        };
        let date = |map: &mut Map<String, Value>, key: &str| -> Result<Option<Zoned>> {
            match string(map, key)? {
                None => Ok(None),
                Some(s) => parse_date(&s).map(Some).ok_or_else(|| {
                    Error::input(
                        at(key),
                        format!("`{key}` is not a date: {s:?}; write 2025-07-06, 2025-07-06 09:00:00 or 2025-07-06T09:00:00+00:00"),
                    )
                }),
            }
        };
        let list = |map: &mut Map<String, Value>, key: &str| -> Result<Vec<String>> {
            match map.remove(key) {
                None | Some(Value::Null) => Ok(Vec::new()),
                Some(Value::String(s)) => Ok(vec![s]),
                Some(Value::Array(items)) => items
                    .into_iter()
                    .map(|v| match v {
                        Value::String(s) => Ok(s),
                        Value::Number(n) => Ok(n.to_string()),
                        _ => Err(Error::input(at(key), format!("`{key}` must list strings"))),
                    })
                    .collect(),
                Some(_) => Err(Error::input(
                    at(key),
                    format!("`{key}` must be a string or a list of strings"),
                )),
            }
        };

        meta.title = string(&mut map, "title")?;
        meta.date = date(&mut map, "date")?;
        meta.updated = match date(&mut map, "updated")? {
            Some(d) => Some(d),
            None => date(&mut map, "lastmod")?,
        };
        meta.draft = match map.remove("draft") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => b,
            Some(_) => return Err(Error::input(at("draft"), "`draft` must be true or false")),
        };
        meta.slug = string(&mut map, "slug")?;
        meta.summary = string(&mut map, "summary")?;
        meta.description = string(&mut map, "description")?;
        meta.weight = integer(&mut map, "weight")?;
        meta.series_order = integer(&mut map, "series_order")?;
        meta.aliases = list(&mut map, "aliases")?;
        if let Some(alias) = meta.aliases.iter().find(|a| leaves_the_site(a)) {
            return Err(Error::input(
                at("aliases"),
                format!(
                    "alias {alias:?} would be written outside the site: write a path such as \"/old/url/\""
                ),
            ));
        }
        meta.citations_at = ["bibliography", "citation_style"]
            .into_iter()
            .find(|key| map.contains_key(*key))
            .map(at);
        meta.bibliography = list(&mut map, "bibliography")?;
        meta.citation_style = string(&mut map, "citation_style")?;
        meta.sort_by = match string(&mut map, "sort_by")?.as_deref() {
            None => None,
            Some("date") => Some(SortBy::Date),
            Some("weight") => Some(SortBy::Weight),
            Some("title") => Some(SortBy::Title),
            Some("series_order") => Some(SortBy::SeriesOrder),
            Some(other) => {
                return Err(Error::input(
                    at("sort_by"),
                    format!(
                        "unknown `sort_by = {other:?}`: use date, weight, title or series_order"
                    ),
                ));
            }
        };
        for key in TAXONOMY_KEYS {
            let terms = list(&mut map, key)?;
            if !terms.is_empty() {
                meta.taxonomies.insert(key.to_string(), terms);
            }
        }
        // Zola's `[taxonomies]` table holds any other taxonomy.
        if let Some(Value::Object(zola)) = map.remove("taxonomies") {
            let mut zola = zola;
            let names: Vec<String> = zola.keys().cloned().collect();
            for name in names {
                let terms = list(&mut zola, &name)?;
                meta.taxonomies.entry(name).or_default().extend(terms);
            }
        }
        // Zola keeps theme fields under `[extra]`; Hugo at the top level. Both end up in `extra`.
        if let Some(Value::Object(extra)) = map.remove("extra") {
            meta.extra.extend(extra);
        }
        meta.extra.extend(map);
        Ok(meta)
    }

    /// Terms of a taxonomy that the page lists, including custom taxonomies kept in `extra`.
    pub fn terms(&self, taxonomy: &str) -> &[String] {
        self.taxonomies.get(taxonomy).map_or(&[], Vec::as_slice)
    }
}

/// Whether an alias path has a `..` or `.` segment, a backslash or a NUL, or nothing to
/// name a file: such a path would resolve outside (or onto) the output folder.
fn leaves_the_site(alias: &str) -> bool {
    alias.contains(['\\', '\0'])
        || alias.trim_matches('/').is_empty()
        || alias.split('/').any(|s| s == ".." || s == ".")
}

/// RFC 3339, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`; a date without an offset is UTC.
pub fn parse_date(s: &str) -> Option<Zoned> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    use jiff::tz::{Offset, TimeZone};
    let pieces = Pieces::parse(s.trim()).ok()?;
    let time = pieces.time().unwrap_or_default();
    let offset = match pieces.offset() {
        Some(PiecesOffset::Numeric(n)) => n.offset(),
        _ => Offset::UTC,
    };
    pieces
        .date()
        .to_datetime(time)
        .to_zoned_datetime(TimeZone::fixed(offset))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_all_forms() {
        let d = parse_date("2025-05-13 09:00:00").unwrap();
        assert_eq!(d.to_string(), "2025-05-13T09:00:00+00:00[UTC]");
        let d = parse_date("2025-05-13").unwrap();
        assert_eq!(d.hour(), 0);
        let d = parse_date("2025-05-13T09:00:00+08:00").unwrap();
        assert_eq!(d.offset().seconds(), 8 * 3600);
        assert!(parse_date("2025-13-45").is_none());
        assert!(parse_date("yesterday").is_none());
    }

    #[test]
    fn front_matter_yaml_and_toml() {
        let yaml = "---\ntitle: \"A\"\ndate: 2025-05-13 09:00:00\ncategories: Transfer Learning\nmathjax: true\n---\nBody\n";
        let s = parse_source(Path::new("a.md"), yaml).unwrap();
        assert_eq!(s.meta.title.as_deref(), Some("A"));
        assert_eq!(s.meta.terms("categories"), ["Transfer Learning"]);
        assert_eq!(s.meta.extra["mathjax"], Value::Bool(true));
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 7);
        let toml = "+++\ntitle = \"B\"\ndate = 2025-05-13T09:00:00Z\ntags = [\"x\", \"y\"]\n+++\n";
        let s = parse_source(Path::new("b.md"), toml).unwrap();
        assert_eq!(s.meta.terms("tags"), ["x", "y"]);
        assert_eq!(s.meta.date.unwrap().hour(), 9);
    }

    #[test]
    fn bad_date_names_line() {
        let text = "+++\ntitle = \"B\"\ndate = \"soon\"\n+++\n";
        let err = parse_source(Path::new("b.md"), text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("b.md:3:1:"), "{err}");
    }
}
