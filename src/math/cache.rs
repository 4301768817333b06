//! Rendered formulas kept between builds in the [`Store`], keyed by KaTeX's version,
//! every option that changes its output, and the formula.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use super::Formula;
use crate::store::{Key, Store};

/// How a build uses the disk cache of rendered formulas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// Render every formula afresh (`folio build --no-cache`).
    Off,
    /// Take what earlier builds cached and add nothing, so that `folio check` writes
    /// nothing to disk.
    ReadOnly,
    ReadWrite,
}

pub struct DiskCache {
    store: Arc<Store>,
    /// Fingerprint of KaTeX's version and every option that changes its output.
    options_key: String,
    writable: bool,
    /// Formulas rendered in this build, for [`DiskCache::save`].
    rendered: Mutex<Vec<Formula>>,
}

impl DiskCache {
    /// The cache in `store`, used as `used` says.
    pub fn open(store: Arc<Store>, options_key: String, used: CacheUse) -> Option<Self> {
        (used != CacheUse::Off).then(|| Self {
            store,
            options_key,
            writable: used == CacheUse::ReadWrite,
            rendered: Mutex::default(),
        })
    }

    /// Formulas are cached in the form pages get, which holds the feeds' form too.
    fn key(&self, formula: &Formula) -> Key {
        Key::new(&[
            self.options_key.as_bytes(),
            &[u8::from(formula.display)],
            formula.tex.as_bytes(),
        ])
    }

    pub fn read(&self, formula: &Formula) -> Option<String> {
        String::from_utf8(self.store.get(&self.key(formula))?).ok()
    }

    /// Notes that `formula` was rendered, to be saved with its HTML.
    pub fn add(&self, formula: &Formula) {
        if self.writable {
            self.lock().push(formula.clone());
        }
    }

    /// Writes the formulas rendered in this build, taking their HTML from `html`, with
    /// what else the build put in the store (highlighted code), and marks the ones read
    /// as used.
    pub fn save(&self, html: &HashMap<Formula, Arc<str>>) {
        if !self.writable {
            return;
        }
        let rendered = std::mem::take(&mut *self.lock());
        self.store.save(
            rendered
                .iter()
                .filter_map(|formula| Some((self.key(formula), html.get(formula)?.as_bytes()))),
        );
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Formula>> {
        self.rendered.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The store in `dir` as a build uses it, or none for [`CacheUse::Off`].
pub fn open_store(dir: &Path, used: CacheUse) -> Option<Arc<Store>> {
    if used == CacheUse::ReadWrite {
        remove_one_file_per_formula(dir);
    }
    (used != CacheUse::Off).then(|| Arc::new(Store::open(dir)))
}

/// Earlier versions kept a file per formula in folders named by two hex digits; the
/// store replaces them.
fn remove_one_file_per_formula(dir: &Path) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.len() == 2 && name.bytes().all(|b| b.is_ascii_hexdigit()) && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}
