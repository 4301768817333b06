//! The on-disk cache of rendered formulas, keyed by KaTeX version, options and formula.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::Formula;

const MAGIC: &str = "folio-katex-1";

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
    dir: PathBuf,
    /// Fingerprint of KaTeX's version and every option that changes its output.
    options_key: String,
    writable: bool,
}

impl DiskCache {
    /// The cache in `dir`, or none for [`CacheUse::Off`].
    pub fn open(dir: PathBuf, options_key: String, used: CacheUse) -> Option<Self> {
        (used != CacheUse::Off).then(|| Self {
            dir,
            options_key,
            writable: used == CacheUse::ReadWrite,
        })
    }

    fn path(&self, formula: &Formula) -> PathBuf {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.options_key.as_bytes());
        hasher.update(format!("\0{}\0{:?}\0", formula.display, formula.medium).as_bytes());
        hasher.update(formula.tex.as_bytes());
        let hash = hasher.finalize().to_hex();
        self.dir.join(&hash[..2]).join(&hash[2..])
    }

    /// An entry is `MAGIC\nHASH-OF-BODY\nBODY`; a torn or corrupted entry is ignored.
    pub fn read(&self, formula: &Formula) -> Option<String> {
        let text = std::fs::read_to_string(self.path(formula)).ok()?;
        let rest = text.strip_prefix(MAGIC)?.strip_prefix('\n')?;
        let (hash, body) = rest.split_once('\n')?;
        (blake3::hash(body.as_bytes()).to_hex().as_str() == hash).then(|| body.to_string())
    }

    /// Writes to a unique temporary file and renames it into place, so concurrent builds
    /// never see a half-written entry. Failing to cache only costs speed.
    pub fn write(&self, formula: &Formula, html: &str) {
        if !self.writable {
            return;
        }
        let path = self.path(formula);
        let Some(dir) = path.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let body = format!(
            "{MAGIC}\n{}\n{html}",
            blake3::hash(html.as_bytes()).to_hex()
        );
        let tmp = temp_name(&path);
        if std::fs::write(&tmp, body).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

fn temp_name(path: &Path) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_extension(format!("tmp{}-{n}", std::process::id()))
}
