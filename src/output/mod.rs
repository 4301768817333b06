//! Writes a finished site all or nothing: into a fresh folder swapped in once complete
//! ([`replace`]), or, over an earlier output, by staging every changed file before any
//! goes in place ([`update`]). folio only ever writes over folders that carry its marker
//! file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Refusal, Result};
use crate::origin::{Input, Maker, Origin, shown};
use crate::progress::Progress;

mod replace;
mod update;

/// Present in every folder folio writes; its absence protects folders folio did not make.
pub const MARKER: &str = ".folio-output";

pub enum FileContent {
    Bytes(Vec<u8>),
    /// A file copied as is (from `static/`).
    Copy(PathBuf),
}

pub struct OutputFile {
    pub content: FileContent,
    pub origin: Origin,
}

/// The output, by path relative to the output folder.
#[derive(Default)]
pub struct Files(BTreeMap<PathBuf, OutputFile>);

impl Files {
    pub fn add(&mut self, path: impl Into<PathBuf>, bytes: Vec<u8>, origin: Origin) {
        let content = FileContent::Bytes(bytes);
        self.0.insert(path.into(), OutputFile { content, origin });
    }

    /// Adds the file `from`, to be copied as is.
    pub fn add_copy(&mut self, path: impl Into<PathBuf>, from: PathBuf, origin: Origin) {
        let content = FileContent::Copy(from);
        self.0.insert(path.into(), OutputFile { content, origin });
    }

    /// Adds every file below `dir` to be copied as is.
    pub fn add_tree(&mut self, dir: &Path) -> Result<()> {
        for path in crate::walk::files_below(dir)? {
            let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
            let origin = Origin::new(Maker::Copy, Some(Input::Static(shown(&path))));
            let content = FileContent::Copy(path);
            self.0.insert(rel, OutputFile { content, origin });
        }
        Ok(())
    }

    /// Every file's path, relative to the output folder.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.0.keys().map(PathBuf::as_path)
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.0.contains_key(path)
    }

    pub fn get(&self, path: &Path) -> Option<&FileContent> {
        self.0.get(path).map(|file| &file.content)
    }

    pub fn origin(&self, path: &Path) -> Option<&Origin> {
        self.0.get(path).map(|file| &file.origin)
    }

    /// Every file, by path, in parallel.
    pub fn par_iter(&self) -> impl ParallelIterator<Item = (&PathBuf, &OutputFile)> {
        self.0.par_iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Refuses a site of more than `limit` files (and the output marker) before anything is written.
pub fn check_count(files: &Files, limit: usize) -> Result<()> {
    let count = files.len() + 1;
    if count > limit {
        return Err(Error::TooManyFiles { count, limit });
    }
    Ok(())
}

/// Writes `files` to `out_dir`, leaving the previous output as it was on any error and
/// counting each file on `progress`. An earlier output of folio's is updated in place (so
/// unchanged files are not written again), otherwise the output is written beside it and
/// swapped in.
pub fn write(out_dir: &Path, files: &Files, progress: &Progress) -> Result<()> {
    check_replaceable(out_dir)?;
    if out_dir.join(MARKER).is_file()
        && let Some(plan) = update::Plan::new(out_dir, files)?
    {
        return plan.apply(files, progress);
    }
    replace::write(out_dir, files, progress)
}

/// An existing output folder may be replaced only if folio made it (or it is empty).
pub fn check_replaceable(out_dir: &Path) -> Result<()> {
    if !out_dir.exists() || out_dir.join(MARKER).is_file() {
        return Ok(());
    }
    let empty = std::fs::read_dir(out_dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if empty {
        return Ok(());
    }
    Err(Error::refused(out_dir, Refusal::NotOurs))
}

/// The marker file's text.
const MARKER_TEXT: &str = "Made by folio build; folio replaces this folder on every build.\n";

/// Writes one file's content at `path`.
fn put(path: &Path, content: &FileContent) -> std::io::Result<()> {
    match content {
        FileContent::Bytes(bytes) => std::fs::write(path, bytes),
        FileContent::Copy(from) => std::fs::copy(from, path).map(|_| ()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_a_foreign_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("precious.txt"), "keep").unwrap();
        let mut files = Files::default();
        files.add("index.html", b"x".to_vec(), Origin::built_in());
        assert!(write(&out, &files, &Progress::default()).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("precious.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn replaces_its_own_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut files = Files::default();
        files.add("a/index.html", b"one".to_vec(), Origin::built_in());
        write(&out, &files, &Progress::default()).unwrap();
        let mut files = Files::default();
        files.add("b.txt", b"two".to_vec(), Origin::built_in());
        write(&out, &files, &Progress::default()).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(std::fs::read_to_string(out.join("b.txt")).unwrap(), "two");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary folders are left behind");
    }
}
