//! One file for what builds keep between runs (rendered formulas, highlighted code),
//! instead of one file per entry.
//!
//! The file is [`MAGIC`] followed by segments, one per build that added entries. A
//! segment is a header, a table of its entries (key, length, checksum), the day each
//! entry was last used, and then the values, so opening the store reads headers and
//! tables only. Writers hold a lock file, append whole segments, and rewrite the store
//! to a new file renamed into place once most of it is entries that no build used for
//! [`KEEP_DAYS`] days. Readers take no lock: a segment cut short (a build killed while
//! writing) or whose table fails its checksum ends what they read, a value that fails its
//! checksum is a miss, and a rewrite leaves files already open as they were. A store that
//! cannot be read or written only costs speed.

mod file;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use file::{Entry, Index, Item};

const MAGIC: &[u8; 8] = b"folio-s1";
/// Entries that no build used for this many days are dropped when the store is rewritten.
pub const KEEP_DAYS: u32 = 30;
/// Each build that adds entries appends a segment; past this many the store is rewritten
/// into one, so opening it stays a handful of reads.
const MAX_SEGMENTS: usize = 128;
/// Rewriting is worth it only once it saves this much.
const MIN_WASTE: u64 = 1 << 20;

/// What identifies a value: the BLAKE3 hash of its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key([u8; 32]);

impl Key {
    /// Each part is length-prefixed, so no two lists of parts give the same key.
    pub fn new(parts: &[&[u8]]) -> Self {
        let mut hasher = blake3::Hasher::new();
        for part in parts {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        Self(*hasher.finalize().as_bytes())
    }
}

/// A store opened by one build: reads are served from the file as it was opened; new
/// entries and the days entries were used are written by [`Store::save`].
pub struct Store {
    dir: PathBuf,
    file: Option<File>,
    index: Index,
    today: u32,
    used: Mutex<HashSet<Key>>,
    /// Entries added by [`Store::put`], for the next [`Store::save`].
    pending: Mutex<HashMap<Key, Vec<u8>>>,
}

impl Store {
    /// The store in `dir`; missing, unreadable or foreign, it is empty.
    pub fn open(dir: &Path) -> Self {
        Self::open_on(dir, today())
    }

    fn open_on(dir: &Path, today: u32) -> Self {
        let file = File::open(dir.join("store")).ok();
        let index = file.as_ref().map(file::scan).unwrap_or_default();
        Self {
            dir: dir.to_path_buf(),
            file,
            index,
            today,
            used: Mutex::default(),
            pending: Mutex::default(),
        }
    }

    /// The value of `key`, if the store holds it whole.
    pub fn get(&self, key: &Key) -> Option<Vec<u8>> {
        let entry = self.index.entries.get(key)?;
        let value = file::read_value(self.file.as_ref()?, entry)?;
        lock(&self.used).insert(*key);
        Some(value)
    }

    /// Keeps `value` under `key` for the next [`Store::save`]. For values made in many
    /// places (highlighted code blocks); one owner of many values passes them to `save`.
    pub fn put(&self, key: Key, value: Vec<u8>) {
        if !self.index.entries.contains_key(&key) {
            lock(&self.pending).insert(key, value);
        }
    }

    /// Adds the `new` entries and those [`Store::put`] kept, and marks the ones
    /// [`Store::get`] returned as used today. Does nothing when there is nothing to
    /// write, so an unchanged rebuild writes nothing.
    pub fn save<'a>(&self, new: impl IntoIterator<Item = (Key, &'a [u8])>) {
        let pending = std::mem::take(&mut *lock(&self.pending));
        let mut new: HashMap<Key, &[u8]> = new.into_iter().collect();
        new.extend(pending.iter().map(|(key, value)| (*key, value.as_slice())));
        new.retain(|key, _| !self.index.entries.contains_key(key));
        let used = std::mem::take(&mut *lock(&self.used));
        let stale = used.iter().any(|key| {
            self.index
                .entries
                .get(key)
                .is_some_and(|e| e.stamp < self.today)
        });
        if new.is_empty() && !stale {
            return;
        }
        // Failing to write only costs the next build some speed.
        let _ = self.write(&new, &used);
    }

    /// Under the lock, on the file as it is now (another build may have written since
    /// this one opened it).
    fn write(&self, new: &HashMap<Key, &[u8]>, used: &HashSet<Key>) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let lock = File::create(self.dir.join("store.lock"))?;
        lock.lock()?;
        remove_temporaries(&self.dir);
        let path = self.dir.join("store");
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        let mut index = file::scan(&file);
        for key in used {
            if let Some(entry) = index.entries.get_mut(key) {
                file::restamp(&file, entry, self.today)?;
            }
        }
        let items: Vec<Item> = new
            .iter()
            .filter(|(key, _)| !index.entries.contains_key(key))
            .filter_map(|(key, value)| Item::new(*key, value, self.today))
            .collect();
        if wasteful(&index, self.today) {
            self.rewrite(&path, &file, &index, items)
        } else if items.is_empty() {
            Ok(())
        } else {
            file::append(&file, &index, &items, &file)
        }
    }

    /// A new file with `items` and the entries used in the last [`KEEP_DAYS`] days,
    /// renamed over the old one.
    fn rewrite(
        &self,
        path: &Path,
        old: &File,
        index: &Index,
        mut items: Vec<Item>,
    ) -> io::Result<()> {
        let cutoff = self.today.saturating_sub(KEEP_DAYS);
        items.extend(
            index
                .entries
                .iter()
                .filter(|(_, e)| e.stamp >= cutoff)
                .map(|(key, e)| Item::kept(*key, e)),
        );
        let temp = self.dir.join(format!("store.tmp{}", std::process::id()));
        let written = File::create(&temp).and_then(|new| {
            file::append(&new, &Index::default(), &items, old)?;
            fs::rename(&temp, path)
        });
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        written
    }
}

/// A poisoned lock only means a thread panicked mid-insert; the set is still whole.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Rewrites cut short leave their new files behind; under the lock none is in progress.
fn remove_temporaries(dir: &Path) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with("store.tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether rewriting the store would drop at least half of it, or merge many segments.
fn wasteful(index: &Index, today: u32) -> bool {
    let cutoff = today.saturating_sub(KEEP_DAYS);
    let live: u64 = index
        .entries
        .values()
        .filter(|e| e.stamp >= cutoff)
        .map(Entry::size)
        .sum();
    let waste = index.end.saturating_sub(live);
    index.segments > MAX_SEGMENTS || (waste > live && waste > MIN_WASTE)
}

/// Days since 1970: when an entry was last used.
fn today() -> u32 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    u32::try_from(secs / 86_400).unwrap_or(u32::MAX)
}
