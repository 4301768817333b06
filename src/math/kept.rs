//! Formulas typeset by the earlier builds of one process, for `folio serve`: a rebuild
//! takes them from memory instead of reading each from the disk cache again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::Formula;

/// The HTML of the formulas the last build typeset without error or warning (so a
/// rebuild reports those again), under the fingerprint of what typeset them.
#[derive(Default)]
pub struct KeptFormulas(Mutex<(String, HashMap<Formula, Arc<str>>)>);

impl KeptFormulas {
    fn lock(&self) -> MutexGuard<'_, (String, HashMap<Formula, Arc<str>>)> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The formulas kept under `fingerprint`, leaving none.
    pub(super) fn take(&self, fingerprint: &str) -> HashMap<Formula, Arc<str>> {
        let (kept_under, html) = std::mem::take(&mut *self.lock());
        if kept_under == fingerprint {
            html
        } else {
            HashMap::new()
        }
    }

    /// Keeps `html`, the clean formulas of the build just done, and only them, so
    /// that what is kept never outgrows the site.
    pub(super) fn keep(&self, fingerprint: &str, html: HashMap<Formula, Arc<str>>) {
        *self.lock() = (fingerprint.to_string(), html);
    }
}
