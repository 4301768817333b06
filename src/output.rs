//! Writes a finished site: everything goes to a fresh folder beside the output folder,
//! which replaces the old one only once complete. folio only ever deletes folders that
//! carry its marker file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Refusal, Result};

use crate::origin::{Input, Maker, Origin, shown};
use crate::progress::Progress;

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

/// Writes `files` to `out_dir` all at once, leaving the previous output in place on any
/// error, counting each file on `progress`.
pub fn write(out_dir: &Path, files: &Files, progress: &Progress) -> Result<()> {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    check_replaceable(out_dir)?;
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let pid = std::process::id();
    let fresh = parent.join(format!(".{name}.folio-new-{pid}"));
    remove_ours(&fresh)?;
    if let Err(e) = write_tree(&fresh, files, progress) {
        let _ = remove_ours(&fresh);
        return Err(e);
    }
    if out_dir.exists() {
        let old = parent.join(format!(".{name}.folio-old-{pid}"));
        remove_ours(&old)?;
        std::fs::rename(out_dir, &old).map_err(|e| Error::io(out_dir, e))?;
        if let Err(e) = std::fs::rename(&fresh, out_dir) {
            let _ = std::fs::rename(&old, out_dir);
            let _ = remove_ours(&fresh);
            return Err(Error::io(out_dir, e));
        }
        remove_ours(&old)?;
    } else {
        std::fs::rename(&fresh, out_dir).map_err(|e| Error::io(out_dir, e))?;
    }
    Ok(())
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

fn remove_ours(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.join(MARKER).is_file() && std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(Error::refused(dir, Refusal::NotOurs));
    }
    remove_tree(dir)
}

/// `remove_dir_all` in parallel: a site is mostly folders of one page each, and removing
/// them one by one takes as long as writing them.
fn remove_tree(dir: &Path) -> Result<()> {
    let entries: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)
        .and_then(|d| {
            d.map(|entry| {
                let entry = entry?;
                Ok((entry.path(), entry.file_type()?.is_dir()))
            })
            .collect()
        })
        .map_err(|e| Error::io(dir, e))?;
    entries.par_iter().try_for_each(|(path, is_dir)| {
        if *is_dir {
            remove_tree(path)
        } else {
            std::fs::remove_file(path).map_err(|e| Error::io(path, e))
        }
    })?;
    std::fs::remove_dir(dir).map_err(|e| Error::io(dir, e))
}

fn write_tree(root: &Path, files: &Files, progress: &Progress) -> Result<()> {
    std::fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
    std::fs::write(
        root.join(MARKER),
        "Made by folio build; folio replaces this folder on every build.\n",
    )
    .map_err(|e| Error::io(root, e))?;
    // Most pages have a folder of their own, so folders are made with their files, in
    // parallel (`create_dir_all` takes a folder made meanwhile by another thread).
    files.par_iter().try_for_each(|(rel, file)| {
        progress.tick();
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        match &file.content {
            FileContent::Bytes(bytes) => std::fs::write(&path, bytes),
            FileContent::Copy(from) => std::fs::copy(from, &path).map(|_| ()),
        }
        .map_err(|e| Error::io(&path, e))
    })
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
