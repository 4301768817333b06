//! Content files as an earlier load read them, for `folio serve`, which loads the site
//! again on every change: a file is read and parsed again only when its size or
//! modification time changed, or the watcher reported it.

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{Placed, Source};

/// What a file's metadata tells of its contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Self {
        Self {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// Files by path relative to the site, each as read under [`ReadCache::setting`].
#[derive(Default)]
pub struct ReadCache {
    /// What reading a file depends on besides the file: the languages, the taxonomies
    /// and the size limit, as the last load saw them.
    setting: String,
    files: HashMap<PathBuf, (Stamp, Placed, Source)>,
}

impl ReadCache {
    /// Starts a load under `setting`; files read under another are read again.
    pub(super) fn begin(&mut self, setting: String) {
        if setting != self.setting {
            self.files.clear();
            self.setting = setting;
        }
    }

    /// The file at `rel` as read before, if its stamp is still `stamp`.
    pub(super) fn get(&self, rel: &Path, stamp: Stamp) -> Option<(Placed, Source)> {
        let (was, placed, source) = self.files.get(rel)?;
        (*was == stamp).then(|| (placed.clone(), source.clone()))
    }

    pub(super) fn put(&mut self, rel: PathBuf, stamp: Stamp, read: &(Placed, Source)) {
        self.files
            .insert(rel, (stamp, read.0.clone(), read.1.clone()));
    }

    /// Drops files the load no longer found.
    pub(super) fn keep_only(&mut self, found: &[PathBuf]) {
        if found.len() < self.files.len() {
            let found: std::collections::HashSet<&PathBuf> = found.iter().collect();
            self.files.retain(|rel, _| found.contains(rel));
        }
    }

    /// Reads `changed` (relative to the site) again at the next load, whatever their
    /// stamps say: two saves within the clock's granularity can leave one unchanged.
    pub fn forget(&mut self, changed: &[PathBuf]) {
        for rel in changed {
            self.files.remove(rel);
        }
    }
}
