//! Hugo's languages → `[languages.KEY]`: codes, names, weights, content folders (from
//! `contentDir` or `module.mounts`), titles, descriptions, menus, params, taxonomies.
//! Hugo lowercases language keys (`zh-CN` is `/zh-cn/`), and so does the import.

use std::collections::BTreeMap;
use std::path::Path;

use toml::{Table, Value};

use super::error::{ImportError, Result};
use super::folio::Language;
use super::map::{Params, take_menus, taxonomies};
use super::mounts::{self, ContentMounts};
use super::report::Notes;
use super::tree::{KeyPath, Taker, take};
use super::{leftovers, lists};

/// What every language's settings depend on.
pub struct Site<'a> {
    pub default: &'a str,
    pub subfolder: bool,
    /// Where an error about a setting that is not written anywhere points.
    pub main_file: &'a Path,
}

/// Settings at the top of Hugo's config that every language inherits.
struct Inherited {
    code: Option<String>,
    content_dir: Option<String>,
    mounts: ContentMounts,
}

pub fn languages(
    hugo: &mut Table,
    site: &Site,
    notes: &mut Notes,
) -> Result<BTreeMap<String, Language>> {
    let top = KeyPath::default();
    let mut take_top = Taker {
        table: hugo,
        path: &top,
    };
    let locale = take_top.string("locale", notes);
    let code = take_top.string("languageCode", notes);
    let content_dir = take_top.string("contentDir", notes);
    let disabled = disabled_languages(take_top.table, notes);
    let hugo_languages = take_top.table("languages", notes);
    let inherited = Inherited {
        code: locale.or(code),
        content_dir: content_dir.map(|d| clean_dir(&d)),
        mounts: mounts::content_mounts(hugo, notes),
    };
    let mut languages = BTreeMap::new();
    match hugo_languages {
        Some((key, table)) => {
            let at = top.key(&key);
            for (lang, value) in table {
                let path = at.key(&lang);
                let lang = lang.to_lowercase();
                match value {
                    Value::Table(t) if is_disabled(&t, &lang, &disabled) => {
                        notes.not_carried(&path, None, "disabled in Hugo, so left out")
                    }
                    Value::Table(t) => {
                        let language = language(&lang, t, &path, site, &inherited, notes);
                        languages.insert(lang, language);
                    }
                    other => notes.wrong_type(&path, &other, "a table"),
                }
            }
        }
        None => only_language(&mut languages, site, &inherited),
    }
    content_dirs(&mut languages, site, &inherited, notes);
    check_default(&languages, site, notes)?;
    Ok(languages)
}

fn disabled_languages(hugo: &mut Table, notes: &mut Notes) -> Vec<String> {
    match take(hugo, "disableLanguages") {
        Some((_, Value::Array(items))) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_lowercase))
            .collect(),
        Some((key, other)) => {
            notes.wrong_type(&KeyPath::default().key(&key), &other, "a list");
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn is_disabled(table: &Table, lang: &str, disabled: &[String]) -> bool {
    let flag = super::tree::get(table, "disabled").and_then(Value::as_bool);
    flag == Some(true) || disabled.iter().any(|d| d == lang)
}

fn language(
    key: &str,
    mut table: Table,
    path: &KeyPath,
    site: &Site,
    inherited: &Inherited,
    notes: &mut Notes,
) -> Language {
    let mut take = Taker {
        table: &mut table,
        path,
    };
    // Hugo 0.158 renamed languageName to label and languageCode to locale.
    let label = take.string("label", notes);
    let name = take.string("languageName", notes);
    let locale = take.string("locale", notes);
    let code = take.string("languageCode", notes);
    let weight = take.int("weight", notes);
    let content_dir = take.string("contentDir", notes);
    let title = take.string("title", notes);
    let cjk = take.bool("hasCJKLanguage", notes);
    take.bool("disabled", notes);
    let params = take.table("params", notes);
    let taxonomy_table = take.table("taxonomies", notes);
    let paginate_by = lists::pager_size(&mut table, path, notes);
    let lang_root = (key != site.default || site.subfolder).then(|| format!("/{key}/"));
    let menu = take_menus(&mut table, path, lang_root.as_deref(), notes);
    leftovers::report(table, path, notes);
    let params = params.map_or_else(Params::default, |(_, t)| Params::split(t, false));
    Language {
        name: label.or(name),
        code: locale.or(code).or_else(|| inherited.code.clone()),
        weight,
        content_dir: content_dir.map(|d| clean_dir(&d)),
        title,
        description: params.description,
        cjk,
        taxonomies: taxonomy_table.map(|(k, t)| taxonomies(t, &path.key(&k), notes)),
        paginate_by,
        menu,
        extra: params.extra,
    }
}

/// A site without Hugo `languages` is one language, written out only when it has a code
/// or a content folder of its own.
fn only_language(languages: &mut BTreeMap<String, Language>, site: &Site, inherited: &Inherited) {
    let own_dir = inherited.mounts.by_language.contains_key(site.default)
        || inherited.mounts.shared.is_some()
        || inherited
            .content_dir
            .as_deref()
            .is_some_and(|d| d != "content");
    if inherited.code.is_some() || own_dir {
        let language = Language {
            code: inherited.code.clone(),
            ..Language::default()
        };
        languages.insert(site.default.to_string(), language);
    }
}

/// A language's content folder: its mount, else its `contentDir`, else (one language) the
/// site's. folio reads the other languages from `content/` by file suffix.
fn content_dirs(
    languages: &mut BTreeMap<String, Language>,
    site: &Site,
    inherited: &Inherited,
    notes: &mut Notes,
) {
    let single = languages.len() == 1;
    for (lang, (source, mount)) in &inherited.mounts.by_language {
        let Some(language) = languages.get_mut(lang) else {
            let why =
                format!("it mounts content for `{lang}`, which is not a language of the site");
            notes.not_carried(mount, Some(&Value::String(source.clone())), why);
            continue;
        };
        if let Some(dir) = language.content_dir.replace(source.clone())
            && dir != *source
        {
            let path = KeyPath::default()
                .key("languages")
                .key(lang)
                .key("contentDir");
            let why = format!("module.mounts gives {lang} the content of {source}");
            notes.not_carried(&path, Some(&Value::String(dir)), why);
        }
    }
    let shared = inherited.mounts.shared.clone().or_else(|| {
        let dir = inherited.content_dir.clone()?;
        (dir != "content").then(|| (dir, KeyPath::default().key("contentDir")))
    });
    let Some((shared, path)) = shared else { return };
    match languages.get_mut(site.default) {
        Some(language) if single && language.content_dir.is_none() => {
            language.content_dir = Some(shared);
        }
        _ => notes.not_carried(
            &path,
            Some(&Value::String(shared)),
            "folio reads the languages without a content_dir of their own from content/",
        ),
    }
}

fn check_default(languages: &BTreeMap<String, Language>, site: &Site, notes: &Notes) -> Result<()> {
    if languages.is_empty() || languages.contains_key(site.default) {
        return Ok(());
    }
    let path = KeyPath::default().key("defaultContentLanguage");
    let keys: Vec<&str> = languages.keys().map(String::as_str).collect();
    Err(ImportError::Invalid {
        location: notes.origins().locate(&path, site.main_file),
        message: format!(
            "defaultContentLanguage = \"{}\" is none of the languages ({}): name one of them, as Hugo requires",
            site.default,
            keys.join(", ")
        ),
    })
}

/// `./content/en/` → `content/en`.
pub fn clean_dir(dir: &str) -> String {
    let dir = dir.trim_start_matches("./").trim_end_matches('/');
    if dir.is_empty() {
        ".".into()
    } else {
        dir.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, default: &str) -> (Result<BTreeMap<String, Language>>, Vec<String>) {
        let mut hugo: Table = toml::from_str(text).unwrap();
        let mut notes = Notes::default();
        let site = Site {
            default,
            subfolder: false,
            main_file: Path::new("hugo.toml"),
        };
        let languages = languages(&mut hugo, &site, &mut notes);
        (languages, notes.lines())
    }

    #[test]
    fn a_site_without_languages_keeps_its_code_and_content_folder() {
        let (languages, notes) = run("languageCode = 'en-us'\ncontentDir = './src/'\n", "en");
        let en = &languages.unwrap()["en"];
        assert_eq!(en.code.as_deref(), Some("en-us"));
        assert_eq!(en.content_dir.as_deref(), Some("src"));
        assert!(notes.is_empty(), "{notes:?}");
        let (languages, _) = run("title = 'T'\n", "en");
        assert!(languages.unwrap().is_empty());
    }

    #[test]
    fn keys_are_lowercased_codes_inherited_disabled_languages_left_out() {
        let (languages, notes) = run(
            "languageCode = 'en'\ndisableLanguages = ['DE']\n[languages.zh-CN]\nweight = 2\n\
             [languages.en]\n[languages.fr]\ndisabled = true\n[languages.de]\n",
            "en",
        );
        let languages = languages.unwrap();
        assert_eq!(languages.keys().collect::<Vec<_>>(), ["en", "zh-cn"]);
        assert_eq!(
            languages["zh-cn"].code.as_deref(),
            Some("en"),
            "Hugo's languages inherit languageCode"
        );
        assert_eq!(
            notes,
            [
                "languages.de: not carried over: disabled in Hugo, so left out",
                "languages.fr: not carried over: disabled in Hugo, so left out",
            ]
        );
    }

    #[test]
    fn mounts_decide_content_folders() {
        let (languages, notes) = run(
            "[languages.en]\ncontentDir = 'content/english'\n[languages.zh]\n\
             [[module.mounts]]\nsource = 'content/en'\ntarget = 'content'\nlang = 'en'\n\
             [[module.mounts]]\nsource = 'content/zh'\ntarget = 'content'\nsites.matrix.languages = ['zh']\n\
             [[module.mounts]]\nsource = 'content/fr'\ntarget = 'content'\nlang = 'fr'\n\
             [[module.mounts]]\nsource = 'assets/img'\ntarget = 'static/img'\n",
            "en",
        );
        let languages = languages.unwrap();
        assert_eq!(languages["en"].content_dir.as_deref(), Some("content/en"));
        assert_eq!(languages["zh"].content_dir.as_deref(), Some("content/zh"));
        let notes = notes.join("\n");
        for expected in [
            "languages.en.contentDir = \"content/english\": not carried over: module.mounts gives en the content of content/en",
            "module.mounts[2] = \"content/fr\": not carried over: it mounts content for `fr`, which is not a language of the site",
            "module.mounts[3] = { source = \"assets/img\", target = \"static/img\" }: not carried over: folio reads content, templates/ and static/ where they are",
        ] {
            assert!(notes.contains(expected), "{expected}\n---\n{notes}");
        }
    }

    #[test]
    fn the_default_language_must_be_one_of_them() {
        let (languages, _) = run("[languages.en]\n[languages.zh]\n", "fr");
        let error = languages.unwrap_err().to_string();
        assert_eq!(
            error,
            "hugo.toml:1:1: defaultContentLanguage = \"fr\" is none of the languages (en, zh): name one of them, as Hugo requires"
        );
    }
}
