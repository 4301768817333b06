//! Page bundles: a page written as a folder, `my-post/index.md` (or `index.zh.md`), with
//! its images and other files beside it. The page takes the folder's name, and its
//! files are published in the page's output folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::Source;
use super::language::Placed;
use crate::error::{Error, Location, Result};
use crate::walk;

/// The folder of a bundle and the files it publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// The folder on disk, as the page's source path shows it.
    pub dir: PathBuf,
    /// Every file below `dir` but the Markdown, relative to `dir`, sorted.
    pub files: Vec<PathBuf>,
}

/// The file name that makes its folder a page bundle (after the language suffix is
/// dropped: `index.zh.md` is `index.md` too).
const INDEX: &str = "index.md";

/// Whether the file placed at `rel` is a bundle's page: `index.md` in a folder (an
/// `index.md` at the content root is an ordinary page named `index`).
pub fn is_index(rel: &Path) -> bool {
    rel.file_name().is_some_and(|n| n == INDEX)
        && rel.parent().is_some_and(|p| !p.as_os_str().is_empty())
}

impl Bundle {
    /// The bundle whose page is `source`: the files beside it.
    pub fn read(source: &Source) -> Result<Bundle> {
        let dir = source.path.parent().unwrap_or(Path::new("")).to_path_buf();
        let files = walk::files_below(&dir)?
            .into_iter()
            .filter(|p| p.extension().is_none_or(|e| e != "md"))
            .map(|p| p.strip_prefix(&dir).unwrap_or(&p).to_path_buf())
            // Files such as `.DS_Store` are the system's, not the author's.
            .filter(|rel| {
                !rel.iter()
                    .any(|part| part.to_string_lossy().starts_with('.'))
            })
            .collect();
        Ok(Bundle { dir, files })
    }
}

/// A Markdown file inside a bundle's folder that is not the bundle's page would be a
/// page whose URL is inside the bundle's page: an error naming both files.
pub fn check_nested(sources: &[(Placed, Source)]) -> Result<()> {
    let bundles: BTreeSet<&Path> = sources
        .iter()
        .filter(|(placed, _)| is_index(&placed.rel))
        .filter_map(|(_, source)| source.path.parent())
        .collect();
    let errors = sources
        .iter()
        .filter_map(|(placed, source)| {
            let own = is_index(&placed.rel).then(|| source.path.parent()).flatten();
            let outer = bundles.iter().find(|dir| {
                Some(**dir) != own && source.path.starts_with(dir) && source.path != **dir
            })?;
            Some(Error::input(
                Location::new(&source.path, 1, 1),
                format!(
                    "this Markdown file is inside the page bundle {}/ (the folder of an index.md): move it out of that folder, or name the bundle's page `_index.md` to make the folder a section",
                    outer.display()
                ),
            ))
        })
        .collect();
    Error::collect(errors)
}
