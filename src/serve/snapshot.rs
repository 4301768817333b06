//! What requests are answered from, and how each rebuild replaces it: whole after a
//! rebuild of the site, or page by page when an edited page is shown ahead of one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use rayon::prelude::*;
use tokio::sync::watch as channel;

use crate::output::{FileContent, Files};

/// The last good output, the pages shown ahead of the next rebuild, and the error of the
/// last rebuild if it failed.
pub struct Snapshot {
    pub files: Arc<Files>,
    /// Pages rendered on their own after an edit, served instead of their version in
    /// `files` until a rebuild covers the edit.
    provisional: BTreeMap<PathBuf, Arc<Provisional>>,
    pub error: Option<String>,
    /// Moves when what is served changes; pages reload when it does.
    pub version: u64,
}

struct Provisional {
    /// The batch of changes that made it.
    batch: u64,
    content: FileContent,
}

impl Snapshot {
    pub fn empty() -> Self {
        Snapshot {
            files: Arc::new(Files::default()),
            provisional: BTreeMap::new(),
            error: None,
            version: 0,
        }
    }

    /// The file served at `key` (an output path).
    pub fn file(&self, key: &Path) -> Option<&FileContent> {
        match self.provisional.get(key) {
            Some(page) => Some(&page.content),
            None => self.files.get(key),
        }
    }
}

pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// Taken by whoever replaces the snapshot, so that requests wait for no
    /// comparison of outputs, nor for the freeing of the output replaced.
    publishing: Mutex<()>,
    pub versions: channel::Sender<u64>,
}

impl Default for Shared {
    fn default() -> Self {
        let (versions, _) = channel::channel(0);
        Shared {
            snapshot: RwLock::new(Arc::new(Snapshot::empty())),
            publishing: Mutex::default(),
            versions,
        }
    }
}

impl Shared {
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Replaces the snapshot by what `make` makes of the current one, moving the version
    /// when `make` says that what is served changed.
    fn update(&self, make: impl FnOnce(&Snapshot) -> (Snapshot, bool)) {
        let publishing = self
            .publishing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let now = self.snapshot();
        let (mut next, changed) = make(&now);
        next.version = now.version + u64::from(changed);
        let version = next.version;
        let replaced = std::mem::replace(
            &mut *self
                .snapshot
                .write()
                .unwrap_or_else(PoisonError::into_inner),
            Arc::new(next),
        );
        drop(publishing);
        if changed {
            self.versions.send_replace(version);
        }
        drop((now, replaced));
    }

    /// Serves `pages` (output paths and bytes), made from batch `batch` of changes, until
    /// a rebuild covering that batch is published.
    pub fn publish_pages(&self, pages: Vec<(PathBuf, Vec<u8>)>, batch: u64) {
        self.update(|now| {
            let mut provisional = now.provisional.clone();
            for (path, bytes) in pages {
                let content = FileContent::Bytes(bytes);
                provisional.insert(path, Arc::new(Provisional { batch, content }));
            }
            let next = Snapshot {
                files: now.files.clone(),
                provisional,
                error: now.error.clone(),
                version: 0,
            };
            (next, true)
        });
    }

    /// Publishes a rebuild of the site that covers every batch of changes up to
    /// `covered`: its output (or, when it failed, its error and the last good output).
    /// Pages shown ahead of later batches stay. Open pages reload only if what is
    /// served changed.
    pub fn publish(&self, files: Option<Files>, error: Option<String>, covered: u64) {
        self.update(|now| {
            let provisional: BTreeMap<PathBuf, Arc<Provisional>> = (now.provisional.iter())
                .filter(|(_, page)| page.batch > covered)
                .map(|(path, page)| (path.clone(), page.clone()))
                .collect();
            let next = Snapshot {
                files: files.map_or_else(|| now.files.clone(), Arc::new),
                provisional,
                error,
                version: 0,
            };
            let changed = next.error != now.error || serves_otherwise(&next, now);
            (next, changed)
        });
    }
}

/// Whether any path is served with other contents by `next` than by `now`.
fn serves_otherwise(next: &Snapshot, now: &Snapshot) -> bool {
    if next.files.len() != now.files.len() {
        return true;
    }
    next.files
        .par_iter()
        .any(|(path, _)| !same(next.file(path), now.file(path)))
}

fn same(a: Option<&FileContent>, b: Option<&FileContent>) -> bool {
    match (a, b) {
        (Some(FileContent::Bytes(a)), Some(FileContent::Bytes(b))) => a == b,
        (Some(FileContent::Copy(a)), Some(FileContent::Copy(b))) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::origin::Origin;

    fn files(pages: &[(&str, &str)]) -> Files {
        let mut files = Files::default();
        for (path, text) in pages {
            files.add(*path, text.as_bytes().to_vec(), Origin::built_in());
        }
        files
    }

    /// What `shared` serves at `path`, and its version.
    fn served(shared: &Shared, path: &str) -> (String, u64) {
        let snapshot = shared.snapshot();
        let text = match snapshot.file(Path::new(path)) {
            Some(FileContent::Bytes(bytes)) => String::from_utf8_lossy(bytes).into_owned(),
            _ => String::new(),
        };
        (text, snapshot.version)
    }

    #[test]
    fn pages_shown_ahead_stay_until_a_rebuild_covers_them() {
        let shared = Shared::default();
        shared.publish(Some(files(&[("a", "a1"), ("b", "b1")])), None, 0);
        assert_eq!(served(&shared, "a"), ("a1".into(), 1));
        shared.publish_pages(vec![("a".into(), b"a2".to_vec())], 1);
        shared.publish_pages(vec![("b".into(), b"b2".to_vec())], 2);
        assert_eq!(served(&shared, "a"), ("a2".into(), 3), "each reloads");
        assert_eq!(served(&shared, "b"), ("b2".into(), 3));

        // A rebuild covering the first edit only: the second stays ahead of it, and as
        // nothing served changes, open pages do not reload.
        shared.publish(Some(files(&[("a", "a2"), ("b", "b1")])), None, 1);
        assert_eq!(served(&shared, "b"), ("b2".into(), 3));
        shared.publish(Some(files(&[("a", "a2"), ("b", "b2")])), None, 2);
        assert_eq!(served(&shared, "b"), ("b2".into(), 3));
        // A rebuild that changes what else is served reloads them.
        shared.publish(Some(files(&[("a", "a2"), ("b", "b3")])), None, 2);
        assert_eq!(served(&shared, "b"), ("b3".into(), 4));

        // A failed rebuild drops what was shown ahead of it: the last good site and
        // the error are served.
        shared.publish_pages(vec![("a".into(), b"a3".to_vec())], 3);
        shared.publish(None, Some("bad".into()), 3);
        assert_eq!(served(&shared, "a"), ("a2".into(), 6));
        assert_eq!(shared.snapshot().error.as_deref(), Some("bad"));
    }
}
