//! Finding a Hugo site's config files, in the order Hugo merges them: the first of
//! `hugo.toml`, `hugo.yaml`, `hugo.yml`, `hugo.json`, `config.toml`, … at the root, then every
//! file below `config/_default/`, then below `config/production/` (the environment `hugo`
//! builds with), each folder's files in name order.

use std::path::{Path, PathBuf};

use super::error::{ImportError, Result};
use super::report::{Note, NoteKind};
use crate::error::Error;
use crate::walk;

const EXTENSIONS: [&str; 4] = ["toml", "yaml", "yml", "json"];
const ROOT_NAMES: [&str; 2] = ["hugo", "config"];
const ENVIRONMENTS: [&str; 2] = ["_default", "production"];

/// One config file and the key its settings go under (none: the top level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub under: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<ConfigFile>,
    /// Files Hugo does not read either, said so that nobody wonders.
    pub not_read: Vec<Note>,
}

pub fn find(root: &Path) -> Result<Found> {
    let mut found = Found::default();
    root_file(root, &mut found)?;
    config_dir(root, &mut found)?;
    if found.files.is_empty() {
        let folder = if root == Path::new(".") {
            "this folder".to_string()
        } else {
            root.display().to_string()
        };
        return Err(ImportError::NoHugoConfig { folder });
    }
    Ok(found)
}

/// `ROOT/rel`, shown as `rel` when working in the site folder itself.
pub fn shown(root: &Path, rel: impl AsRef<Path>) -> PathBuf {
    if root == Path::new(".") {
        rel.as_ref().to_path_buf()
    } else {
        root.join(rel)
    }
}

fn root_file(root: &Path, found: &mut Found) -> Result<()> {
    for name in ROOT_NAMES {
        for ext in EXTENSIONS {
            let path = shown(root, format!("{name}.{ext}"));
            if !path.is_file() {
                continue;
            }
            if name == "config" && ext == "toml" && is_folio_config(&Error::read_text(&path)?) {
                continue;
            }
            match found.files.first() {
                None => found.files.push(ConfigFile {
                    path,
                    under: Vec::new(),
                }),
                Some(first) => {
                    let why = format!("Hugo reads {} and ignores this file", first.path.display());
                    found.not_read.push(not_read(&path, why));
                }
            }
        }
    }
    Ok(())
}

/// folio's own `config.toml` (from an earlier import) is not Hugo's: it has `base_url`.
fn is_folio_config(text: &str) -> bool {
    text.lines().any(|line| {
        line.trim_start()
            .strip_prefix("base_url")
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    })
}

fn config_dir(root: &Path, found: &mut Found) -> Result<()> {
    let dir = shown(root, "config");
    if !dir.is_dir() {
        return Ok(());
    }
    for env in ENVIRONMENTS {
        for path in walk::files_below(&dir.join(env))? {
            if let Some(under) = key_path_of(&path) {
                found.files.push(ConfigFile { path, under });
            }
        }
    }
    for entry in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
        let path = entry.map_err(|e| Error::io(&dir, e))?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.is_dir() && !ENVIRONMENTS.contains(&name.as_ref()) {
            let why = "`hugo` builds with config/_default/ and config/production/ only";
            found.not_read.push(not_read(&path, why.into()));
        }
    }
    found.not_read.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(())
}

/// Where Hugo puts a config folder's file: `params.toml` under `params`, `menus.en.toml`
/// under `languages.en.menus`, `hugo.toml` at the top; `None` for a file Hugo skips.
fn key_path_of(path: &Path) -> Option<Vec<String>> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if !EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    if ROOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(stem)) {
        return Some(Vec::new());
    }
    let Some((name, lang)) = stem.rsplit_once('.') else {
        return Some(vec![stem.to_string()]);
    };
    let mut under = vec!["languages".to_string(), lang.to_string()];
    // As Hugo does: only menus and params keep their name under a language; any other
    // `NAME.LANG` file holds settings of the language itself.
    match name.to_ascii_lowercase().as_str() {
        "menu" | "menus" => under.push("menus".into()),
        "params" => under.push("params".into()),
        _ => {}
    }
    Some(under)
}

fn not_read(path: &Path, why: String) -> Note {
    Note {
        file: Some(path.display().to_string()),
        subject: String::new(),
        kind: NoteKind::NotRead,
        why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn under(name: &str) -> Option<Vec<String>> {
        key_path_of(Path::new(name))
    }

    #[test]
    fn config_folder_files_go_where_hugo_puts_them() {
        assert_eq!(under("config/_default/hugo.toml"), Some(vec![]));
        assert_eq!(under("config/_default/Config.yaml"), Some(vec![]));
        assert_eq!(
            under("config/_default/params.toml"),
            Some(vec!["params".into()])
        );
        assert_eq!(
            under("config/_default/menus.zh.yaml").unwrap(),
            ["languages", "zh", "menus"]
        );
        assert_eq!(
            under("config/_default/menu.en.json").unwrap(),
            ["languages", "en", "menus"]
        );
        assert_eq!(
            under("config/_default/params.zh.toml").unwrap(),
            ["languages", "zh", "params"]
        );
        assert_eq!(
            under("config/_default/markup.en.toml").unwrap(),
            ["languages", "en"]
        );
        assert_eq!(under("config/_default/README.md"), None);
    }

    #[test]
    fn folio_config_is_told_apart() {
        assert!(is_folio_config(
            "title = \"T\"\n  base_url = \"https://x.org/\"\n"
        ));
        assert!(!is_folio_config("baseURL = \"https://x.org/\"\n"));
        assert!(!is_folio_config("base_urlish = 1\n"));
    }
}
