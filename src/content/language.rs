//! Which language a content file belongs to: the language whose `content_dir` holds it;
//! else the one its suffix names (`post.zh.md`); else the default language. And its path
//! below that language's content root with the suffix removed, which gives its URL and
//! pairs it with its translations.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};
use crate::languages::{LangId, Language, Languages};
use crate::walk;

/// Where a content file belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub lang: LangId,
    /// Below the language's content root, suffix removed: `a/post.md`, `a/_index.md`.
    pub rel: PathBuf,
}

/// The folder that holds the files of languages without a `content_dir`.
pub const SHARED_DIR: &str = "content";

/// Every Markdown file below `content/` and below every language's `content_dir`, once
/// each, sorted.
pub fn files(languages: &Languages, root: &Path) -> Result<Vec<PathBuf>> {
    let shared = root.join(SHARED_DIR);
    let needs_shared = languages.iter().any(|l| l.content_dir.is_none());
    if needs_shared && !shared.is_dir() {
        return Err(Error::Missing {
            path: shared,
            hint: "create this folder and put the site's Markdown pages in it",
        });
    }
    let mut all = BTreeSet::new();
    let dirs = std::iter::once(shared).chain(
        languages
            .iter()
            .filter_map(|l| l.content_dir.as_ref().map(|d| root.join(d))),
    );
    for dir in dirs {
        let found = walk::files_below(&dir)?;
        all.extend(
            found
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "md")),
        );
    }
    Ok(all.into_iter().collect())
}

/// The language of `file` (found by [`files`] below `root`) and its path in it.
pub fn place(languages: &Languages, root: &Path, file: &Path) -> Result<Placed> {
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let (suffix_lang, name) = split_suffix(languages, &name);
    let owner = languages
        .iter()
        .filter_map(|l| l.content_dir.as_ref().map(|d| (l, root.join(d))))
        .filter(|(_, dir)| file.starts_with(dir))
        .max_by_key(|(_, dir)| dir.components().count());
    let misplaced = |message: String| Err(Error::input(Location::new(file, 1, 1), message));
    let (lang, dir) = match (owner, suffix_lang) {
        (Some((owner, _)), Some(named)) if named.id != owner.id => {
            return misplaced(format!(
                "the name says language {} but the file is in the content folder of {}: move it to {}, or drop `.{}` from its name",
                named.key,
                owner.key,
                folder_of(named),
                named.key
            ));
        }
        (Some((owner, dir)), _) => (owner, dir),
        (None, named) => {
            let lang = named.unwrap_or_else(|| languages.default_language());
            if lang.content_dir.is_some() {
                let why = match named {
                    Some(_) => format!("its name says language {}", lang.key),
                    None => format!(
                        "a file without a language suffix belongs to the default language, {}",
                        lang.key
                    ),
                };
                return misplaced(format!(
                    "{why}, whose content is in {}: move it there, or name another language with a suffix such as `.{}.md`",
                    folder_of(lang),
                    languages
                        .iter()
                        .find(|l| l.content_dir.is_none())
                        .map_or("KEY", |l| l.key.as_str())
                ));
            }
            (lang, root.join(SHARED_DIR))
        }
    };
    let below = file.strip_prefix(&dir).unwrap_or(file);
    Ok(Placed {
        lang: lang.id,
        rel: below.with_file_name(name),
    })
}

fn folder_of(lang: &Language) -> String {
    lang.content_dir
        .as_ref()
        .map_or_else(|| SHARED_DIR.to_string(), |d| d.display().to_string())
        + "/"
}

/// `post.zh.md` → (zh, `post.md`) when `zh` is a language key; else the name as is.
fn split_suffix<'a>(languages: &'a Languages, name: &str) -> (Option<&'a Language>, String) {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    if let Some((base, key)) = stem.rsplit_once('.')
        && !base.is_empty()
        && let Some(lang) = languages.iter().find(|l| l.key == key)
    {
        return (Some(lang), format!("{base}.md"));
    }
    (None, name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn languages(extra: &str, root: &Path) -> Languages {
        let text = format!("base_url = \"https://x.org\"\ntitle = \"T\"\n{extra}");
        let path = root.join("config.toml");
        Languages::new(&Config::parse(&text, &path).unwrap())
    }

    #[test]
    fn by_suffix_and_by_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/zh")).unwrap();
        let suffixed = languages("[languages.en]\n[languages.zh]\nweight = 2\n", root);
        let place = |langs: &Languages, rel: &str| place(langs, root, &root.join(rel));
        let zh = place(&suffixed, "content/a/post.zh.md").unwrap();
        assert_eq!((zh.lang.index(), zh.rel), (1, PathBuf::from("a/post.md")));
        let en = place(&suffixed, "content/a/_index.md").unwrap();
        assert_eq!((en.lang.index(), en.rel), (0, PathBuf::from("a/_index.md")));
        let other = place(&suffixed, "content/v1.2.md").unwrap();
        assert_eq!(other.rel, PathBuf::from("v1.2.md"));

        let folders = languages(
            "[languages.en]\n[languages.zh]\nweight = 2\ncontent_dir = \"content/zh\"\n",
            root,
        );
        let zh = place(&folders, "content/zh/基础.md").unwrap();
        assert_eq!((zh.lang.index(), zh.rel), (1, PathBuf::from("基础.md")));
        let en = place(&folders, "content/a.md").unwrap();
        assert_eq!(en.lang.index(), 0);
        let err = place(&folders, "content/b.zh.md").unwrap_err().to_string();
        assert!(err.contains("content/zh/"), "{err}");
        let err = place(&folders, "content/zh/c.en.md")
            .unwrap_err()
            .to_string();
        assert!(err.contains("drop `.en`"), "{err}");
    }
}
