//! Writing a site all or nothing while it is rendered, so that no page waits in memory
//! for the rest. Each new or changed file goes at once to a staging folder beside the
//! output folder (`.NAME.folio-stage-PID`); a file whose bytes the output already holds is
//! not written again (rewriting every file cost a warm build most of its time, in
//! inodes the file system allocates and frees). Only once the whole site is rendered and
//! staged does the output change: on a first build the staging folder becomes it;
//! otherwise each staged file is renamed into place and files the site no longer makes
//! are removed. Until then an error, or a build that stops, removes the staging folder
//! and leaves the old output as it was.

use std::collections::HashSet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use super::{FileContent, Files, MARKER};
use crate::error::{Error, Refusal, Result};
use crate::progress::Progress;

pub struct Staging {
    out_dir: PathBuf,
    dir: PathBuf,
    /// Whether there is an output to update, rather than one to make.
    update: bool,
    /// The files staged, relative to both folders.
    staged: Mutex<HashSet<PathBuf>>,
    committed: AtomicBool,
}

impl Staging {
    /// A staging folder for `out_dir`, which folio must have made (or which is empty).
    pub fn open(out_dir: &Path) -> Result<Staging> {
        check_replaceable(out_dir)?;
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out_dir.file_name().unwrap_or_default().to_string_lossy();
        let dir = parent.join(format!(".{name}.folio-stage-{}", std::process::id()));
        remove_ours(&dir)?;
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            dir,
            update: out_dir.exists(),
            staged: Mutex::default(),
            committed: AtomicBool::new(false),
        })
    }

    /// Stages `content` as the file `rel`, unless the output holds it already. A file
    /// kept again replaces what was kept before, as it does in memory.
    pub fn keep(&self, rel: &Path, content: &FileContent) -> Result<()> {
        let path = self.dir.join(rel);
        if self.update && holds(&self.out_dir.join(rel), content) {
            if self.lock().remove(rel) {
                std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            }
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        put(&path, content).map_err(|e| Error::io(&path, e))?;
        self.lock().insert(rel.to_path_buf());
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, HashSet<PathBuf>> {
        self.staged.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stages what `files` holds in memory, then makes the output what `files` says:
    /// the staged files go in place, and files of the old output that `files` does not
    /// name go. Each file counts on `progress`.
    pub fn finish(&self, mut files: Files, progress: &Progress) -> Result<()> {
        if let Some(e) = files.error.take() {
            return Err(e);
        }
        files.files.par_iter().try_for_each(|(path, file)| {
            progress.tick();
            match file.content {
                FileContent::Written => Ok(()),
                _ => self.keep(path, &file.content),
            }
        })?;
        if !self.update {
            std::fs::rename(&self.dir, &self.out_dir).map_err(|e| Error::io(&self.out_dir, e))?;
            self.committed.store(true, Ordering::Relaxed);
            return Ok(());
        }
        let staged = std::mem::take(&mut *self.lock());
        staged.par_iter().try_for_each(|rel| self.move_in(rel))?;
        let marker = self.out_dir.join(MARKER);
        if !marker.is_file() {
            std::fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, e))?;
        }
        self.committed.store(true, Ordering::Relaxed);
        let wanted: HashSet<&Path> = files.paths().chain([Path::new(MARKER)]).collect();
        let needed: HashSet<&Path> = (wanted.iter())
            .flat_map(|path| path.ancestors().skip(1))
            .collect();
        sweep(&self.out_dir, Path::new(""), &wanted, &needed)?;
        remove_ours(&self.dir)
    }

    /// Renames the staged file `rel` into the output, first removing a file where one of
    /// its folders goes, or a folder where it goes.
    fn move_in(&self, rel: &Path) -> Result<()> {
        let target = self.out_dir.join(rel);
        if let Some(parent) = target.parent()
            && std::fs::create_dir_all(parent).is_err()
        {
            make_folders(&self.out_dir, rel)?;
        }
        if std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            std::fs::remove_dir_all(&target).map_err(|e| Error::io(&target, e))?;
        }
        std::fs::rename(self.dir.join(rel), &target).map_err(|e| Error::io(&target, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed.load(Ordering::Relaxed) {
            let _ = remove_ours(&self.dir);
        }
    }
}

/// Makes every folder of `rel` below `root`, removing files in their way.
fn make_folders(root: &Path, rel: &Path) -> Result<()> {
    let mut folders: Vec<&Path> = rel.ancestors().skip(1).collect();
    folders.retain(|f| !f.as_os_str().is_empty());
    for folder in folders.into_iter().rev() {
        let path = root.join(folder);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => continue,
            Ok(_) => std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?,
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        match std::fs::create_dir(&path) {
            Err(e) if e.kind() != ErrorKind::AlreadyExists => return Err(Error::io(&path, e)),
            _ => {}
        }
    }
    Ok(())
}

/// Removes below `root`'s folder `rel` every file not `wanted` and every folder not
/// `needed` for one that is.
fn sweep(root: &Path, rel: &Path, wanted: &HashSet<&Path>, needed: &HashSet<&Path>) -> Result<()> {
    let dir = root.join(rel);
    let entries: Vec<(PathBuf, bool)> = std::fs::read_dir(&dir)
        .and_then(|d| {
            d.map(|entry| {
                let entry = entry?;
                Ok((rel.join(entry.file_name()), entry.file_type()?.is_dir()))
            })
            .collect()
        })
        .map_err(|e| Error::io(&dir, e))?;
    entries.par_iter().try_for_each(|(path, is_dir)| {
        let full = root.join(path);
        match (is_dir, needed.contains(path.as_path())) {
            (true, true) => sweep(root, path, wanted, needed),
            (true, false) => std::fs::remove_dir_all(&full).map_err(|e| Error::io(&full, e)),
            (false, _) if wanted.contains(path.as_path()) => Ok(()),
            (false, _) => std::fs::remove_file(&full).map_err(|e| Error::io(&full, e)),
        }
    })
}

/// Whether the file at `path` already holds `content`; sizes are compared first, so most
/// changed files are not read.
fn holds(path: &Path, content: &FileContent) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    let same = |bytes: &[u8]| {
        meta.is_file()
            && meta.len() == bytes.len() as u64
            && std::fs::read(path).is_ok_and(|old| old == bytes)
    };
    match content {
        FileContent::Bytes(bytes) => same(bytes),
        FileContent::Copy(from) => {
            std::fs::metadata(from).is_ok_and(|m| m.len() == meta.len())
                && std::fs::read(from).is_ok_and(|bytes| same(&bytes))
        }
        FileContent::Written => false,
    }
}

/// Removes `dir` if it is there and folio made it.
fn remove_ours(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    check_replaceable(dir)?;
    std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// An existing folder may be replaced only if folio made it (or it is empty).
fn check_replaceable(dir: &Path) -> Result<()> {
    if !dir.exists() || dir.join(MARKER).is_file() {
        return Ok(());
    }
    let empty = std::fs::read_dir(dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if empty {
        return Ok(());
    }
    Err(Error::refused(dir, Refusal::NotOurs))
}

/// The marker file's text.
const MARKER_TEXT: &str = "Made by folio build; folio replaces this folder on every build.\n";

/// Writes one file's content at `path`.
fn put(path: &Path, content: &FileContent) -> std::io::Result<()> {
    match content {
        FileContent::Bytes(bytes) => std::fs::write(path, bytes),
        FileContent::Copy(from) => std::fs::copy(from, path).map(|_| ()),
        FileContent::Written => Ok(()),
    }
}
