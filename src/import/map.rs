//! Hugo's merged config → folio's. Each function takes the settings it carries over out of
//! the tree; `leftovers` then reports whatever is left, so nothing is dropped unsaid.

use std::path::Path;

use toml::{Table, Value};

use super::error::{ImportError, Result};
use super::folio::FolioConfig;
use super::report::{Notes, show};
use super::tree::{KeyPath, Taker, find_key, get, take};
use super::{languages, leftovers, lists, markup, math, menu, outputs, permalinks};

pub fn folio_config(mut hugo: Table, notes: &mut Notes, main_file: &Path) -> Result<FolioConfig> {
    let top = KeyPath::default();
    let base_url = base_url(&mut hugo, notes, main_file)?;
    let mut take = Taker {
        table: &mut hugo,
        path: &top,
    };
    let title = take.string("title", notes);
    let default_language = take
        .string("defaultContentLanguage", notes)
        .map_or_else(|| "en".to_string(), |l| l.to_lowercase());
    let default_language_in_subfolder = take
        .bool("defaultContentLanguageInSubdir", notes)
        .unwrap_or(false);
    let has_cjk_language = take.bool("hasCJKLanguage", notes).unwrap_or(false);
    let summary_length = take.int("summaryLength", notes).unwrap_or(70);
    let output_dir = take.string("publishDir", notes);
    let taxonomies = take
        .table("taxonomies", notes)
        .map(|(key, table)| taxonomies(table, &top.key(&key), notes));
    let params = take
        .table("params", notes)
        .map(|(_, table)| Params::split(table, true));
    let copyright = take.string("copyright", notes);
    let site = languages::Site {
        default: &default_language,
        subfolder: default_language_in_subfolder,
        main_file,
    };
    let paginate_by = lists::pager_size(&mut hugo, &top, notes);
    let feeds = lists::feeds(&mut hugo, notes);
    let menu = take_menus(&mut hugo, &top, None, notes);
    let languages = languages::languages(&mut hugo, &site, notes)?;
    let math = math::from_passthrough(&mut hugo, notes);
    let highlight = markup::settings(&mut hugo, notes);
    outputs::compare(&mut hugo, notes);
    permalinks::compare(&mut hugo, notes);
    leftovers::report(hugo, &top, notes);

    let params = params.unwrap_or_default();
    Ok(FolioConfig {
        base_url,
        title: title.unwrap_or_else(|| no_title(notes)),
        description: params.description,
        author: params.author,
        summary_length,
        // Without a `taxonomies` setting Hugo makes these two.
        taxonomies: taxonomies.unwrap_or_else(|| vec!["categories".into(), "tags".into()]),
        output_dir,
        default_language,
        default_language_in_subfolder,
        has_cjk_language,
        paginate_by,
        menu,
        languages,
        math,
        highlight,
        feeds,
        extra: with_copyright(params.extra, copyright),
    })
}

fn base_url(hugo: &mut Table, notes: &Notes, main_file: &Path) -> Result<String> {
    let example = "folio needs the site's full address, e.g. baseURL = \"https://example.org/\": set it in Hugo's config and run again";
    let Some((key, value)) = take(hugo, "baseURL") else {
        return Err(ImportError::Invalid {
            location: crate::error::Location::new(main_file, 1, 1),
            message: format!("no baseURL: {example}"),
        });
    };
    match value.as_str() {
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
            Ok(if url.ends_with('/') {
                url.to_string()
            } else {
                format!("{url}/")
            })
        }
        _ => Err(ImportError::Invalid {
            location: notes
                .origins()
                .locate(&KeyPath::default().key(&key), main_file),
            message: format!(
                "{key} = {} is not an absolute http(s) URL: {example}",
                show(&value)
            ),
        }),
    }
}

fn no_title(notes: &mut Notes) -> String {
    notes.set(
        "title = \"\"",
        "Hugo's config has no title: give the site one",
    );
    String::new()
}

/// `menus.main` → `[[menu]]` (for the site, or a language with `lang_root` as its path).
pub fn take_menus(
    table: &mut Table,
    at: &KeyPath,
    lang_root: Option<&str>,
    notes: &mut Notes,
) -> Vec<super::folio::MenuItem> {
    match take(table, "menus") {
        Some((key, value)) => menu::menus(value, &at.key(&key), lang_root, notes),
        None => Vec::new(),
    }
}

/// Hugo's `singular = "plural"` map → folio's list of plurals, sorted as Hugo lists them.
pub fn taxonomies(table: Table, at: &KeyPath, notes: &mut Notes) -> Vec<String> {
    let mut plurals: Vec<String> = table
        .into_iter()
        .filter_map(|(singular, plural)| match plural {
            Value::String(p) if !p.is_empty() => Some(p),
            other => {
                notes.wrong_type(&at.key(&singular), &other, "a plural name");
                None
            }
        })
        .collect();
    plurals.sort();
    plurals.dedup();
    plurals
}

/// Hugo's `params`: `description` (and, for the site, `author`) have keys of their own in
/// folio; everything else goes to `[extra]` as written.
#[derive(Debug, Default)]
pub struct Params {
    pub description: Option<String>,
    pub author: Option<String>,
    pub extra: Table,
}

impl Params {
    pub fn split(mut table: Table, with_author: bool) -> Self {
        let description = take_text(&mut table, "description");
        let author = with_author
            .then(|| take_text(&mut table, "author"))
            .flatten();
        Self {
            description,
            author,
            extra: table,
        }
    }
}

/// A string setting; a value of another type stays where it is.
fn take_text(table: &mut Table, name: &str) -> Option<String> {
    get(table, name)?.as_str()?;
    match take(table, name) {
        Some((_, Value::String(text))) => Some(text),
        _ => None,
    }
}

fn with_copyright(mut extra: Table, copyright: Option<String>) -> Table {
    if let Some(copyright) = copyright
        && find_key(&extra, "copyright").is_none()
    {
        extra.insert("copyright".into(), Value::String(copyright));
    }
    extra
}
