//! The output files, and writing them all or nothing. `folio serve` and `folio check`
//! keep every file in memory; `folio build` hands each to [`Staging`] as it is made, so
//! only its path and origin stay. folio only ever writes over folders that carry its
//! marker file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::origin::{Input, Maker, Origin, shown};

mod staging;

pub use staging::Staging;

/// Present in every folder folio writes; its absence protects folders folio did not make.
pub const MARKER: &str = ".folio-output";

pub enum FileContent {
    Bytes(Vec<u8>),
    /// A file copied as is (from `static/`).
    Copy(PathBuf),
    /// Staged by `folio build` as it was made; its bytes are no longer held.
    Written,
}

pub struct OutputFile {
    pub content: FileContent,
    pub origin: Origin,
}

/// The output, by path relative to the output folder.
#[derive(Default)]
pub struct Files {
    files: BTreeMap<PathBuf, OutputFile>,
    /// Where `folio build` stages files as they are added.
    staging: Option<Arc<Staging>>,
    /// The first error staging gave, which [`Staging::finish`] reports.
    error: Option<Error>,
}

impl Files {
    /// Files staged for the output as they are added.
    pub fn staged(staging: Arc<Staging>) -> Self {
        let staging = Some(staging);
        Self {
            staging,
            ..Self::default()
        }
    }

    pub fn add(&mut self, path: impl Into<PathBuf>, bytes: Vec<u8>, origin: Origin) {
        let path = path.into();
        let content = match self.keep(&path, bytes) {
            Ok(content) => content,
            Err(e) => {
                self.error.get_or_insert(e);
                FileContent::Written
            }
        };
        self.insert(path, content, origin);
    }

    /// What to [`insert`](Self::insert) for `bytes` at `path`: staged now when building,
    /// so that renderers on many threads can hand their pages over as they finish them.
    pub fn keep(&self, path: &Path, bytes: Vec<u8>) -> Result<FileContent> {
        let content = FileContent::Bytes(bytes);
        match &self.staging {
            Some(staging) => staging.keep(path, &content).map(|()| FileContent::Written),
            None => Ok(content),
        }
    }

    pub fn insert(&mut self, path: PathBuf, content: FileContent, origin: Origin) {
        self.files.insert(path, OutputFile { content, origin });
    }

    /// Adds the file `from`, to be copied as is.
    pub fn add_copy(&mut self, path: impl Into<PathBuf>, from: PathBuf, origin: Origin) {
        let content = FileContent::Copy(from);
        self.insert(path.into(), content, origin);
    }

    /// Adds every file below `dir` to be copied as is; gives their paths.
    pub fn add_tree(&mut self, dir: &Path) -> Result<Vec<PathBuf>> {
        let paths = crate::walk::files_below(dir)?;
        for path in &paths {
            let rel = path.strip_prefix(dir).unwrap_or(path).to_path_buf();
            let origin = Origin::new(Maker::Copy, Some(Input::Static(shown(path))));
            let content = FileContent::Copy(path.clone());
            self.insert(rel, content, origin);
        }
        Ok(paths)
    }

    /// Every file's path, relative to the output folder.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.keys().map(PathBuf::as_path)
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    pub fn get(&self, path: &Path) -> Option<&FileContent> {
        self.files.get(path).map(|file| &file.content)
    }

    pub fn origin(&self, path: &Path) -> Option<&Origin> {
        self.files.get(path).map(|file| &file.origin)
    }

    /// Every file, by path, in parallel.
    pub fn par_iter(&self) -> impl ParallelIterator<Item = (&PathBuf, &OutputFile)> {
        self.files.par_iter()
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Refuses a site of more than `limit` files (and the output marker) before the output changes.
pub fn check_count(files: &Files, limit: usize) -> Result<()> {
    let count = files.len() + 1;
    if count > limit {
        return Err(Error::TooManyFiles { count, limit });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
