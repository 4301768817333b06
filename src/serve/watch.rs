//! Watching a site's sources (`config.toml`, `content/`, `templates/`, `static/`, and the
//! languages' content folders outside `content/`) with
//! notify, debounced, and calling back with the changed files, relative to the site.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::languages::Languages;

/// Long enough to take an editor's save (write, rename, chmod: a millisecond or two) as
/// one change, and short, as an edit shows only this long after the save at the soonest.
/// A save split in two only costs a second rebuild.
const DEBOUNCE: Duration = Duration::from_millis(20);
const WATCHED_FOLDERS: [&str; 3] = ["content", "templates", "static"];

/// Stops watching when dropped.
pub struct Watcher {
    _debouncer: Arc<Mutex<Debouncer<RecommendedWatcher, RecommendedCache>>>,
}

/// Calls `on_change` on a thread of its own with the source files changed since the
/// last call (relative to `root`); changes that arrive during a call are gathered for the
/// next.
pub fn start(root: &Path, on_change: impl FnMut(&[PathBuf]) + Send + 'static) -> Result<Watcher> {
    let error = |e: notify::Error| Error::Serve {
        subject: root.display().to_string(),
        message: format!("cannot watch the site for changes: {e}"),
    };
    // notify reports absolute paths with symbolic links resolved, so the root they are
    // compared with must be too (`.` or a linked folder would match nothing).
    let root = &root.canonicalize().map_err(|e| Error::Serve {
        subject: root.display().to_string(),
        message: format!("cannot find the site folder: {e}"),
    })?;
    let (sender, events) = channel();
    let mut debouncer = new_debouncer(DEBOUNCE, None, sender).map_err(error)?;
    // The root itself, not recursively: for config.toml (editors replace it, so a watch
    // on the file would be lost) and for source folders made after the start.
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(error)?;
    let debouncer = Arc::new(Mutex::new(debouncer));
    let mut folders = Folders {
        root: root.to_path_buf(),
        sources: Vec::new(),
        watched: BTreeSet::new(),
    };
    folders.update(&debouncer).map_err(error)?;
    let thread_debouncer = debouncer.clone();
    std::thread::Builder::new()
        .name("folio-watch".into())
        .spawn(move || watch_loop(events, folders, thread_debouncer, on_change))
        .map_err(|e| Error::Serve {
            subject: root.display().to_string(),
            message: format!("cannot start the watcher thread: {e}"),
        })?;
    Ok(Watcher {
        _debouncer: debouncer,
    })
}

fn watch_loop(
    events: Receiver<DebounceEventResult>,
    mut folders: Folders,
    debouncer: Arc<Mutex<Debouncer<RecommendedWatcher, RecommendedCache>>>,
    mut on_change: impl FnMut(&[PathBuf]),
) {
    // Ends when the debouncer, and so its sender, is dropped.
    while let Ok(first) = events.recv() {
        let mut changed = BTreeSet::new();
        for batch in std::iter::once(first).chain(events.try_iter()) {
            match batch {
                Ok(batch) => changed.extend(
                    batch
                        .into_iter()
                        // Reading a file is no change, and each build reads them all.
                        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                        .flat_map(|e| e.event.paths)
                        .filter_map(|p| folders.source(&p)),
                ),
                Err(errors) => {
                    for e in errors {
                        eprintln!("warning: watching {}: {e}", folders.root.display());
                    }
                }
            }
        }
        if let Err(e) = folders.update(&debouncer) {
            eprintln!("warning: watching {}: {e}", folders.root.display());
        }
        if !changed.is_empty() {
            on_change(&changed.into_iter().collect::<Vec<_>>());
        }
    }
}

struct Folders {
    root: PathBuf,
    /// The source folders, relative to the root: [`WATCHED_FOLDERS`] and the languages'
    /// content folders outside them, as `config.toml` last named them.
    sources: Vec<PathBuf>,
    watched: BTreeSet<PathBuf>,
}

impl Folders {
    /// Watches source folders that appeared and forgets ones that went away.
    fn update(
        &mut self,
        debouncer: &Mutex<Debouncer<RecommendedWatcher, RecommendedCache>>,
    ) -> notify::Result<()> {
        self.sources = self.source_folders();
        let mut debouncer = debouncer.lock().unwrap_or_else(PoisonError::into_inner);
        let wanted: BTreeSet<PathBuf> = (self.sources.iter())
            .map(|dir| self.root.join(dir))
            .filter(|dir| dir.is_dir())
            .collect();
        for dir in wanted.difference(&self.watched) {
            debouncer.watch(dir, RecursiveMode::Recursive)?;
        }
        for dir in self.watched.difference(&wanted) {
            // A folder that went away took its watch with it; one no longer named in
            // config.toml is dropped.
            let _ = debouncer.unwatch(dir);
        }
        self.watched = wanted;
        Ok(())
    }

    /// [`WATCHED_FOLDERS`] and each language's `content_dir` outside them. A config that
    /// does not load keeps the last known folders (the rebuild reports its error).
    fn source_folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = WATCHED_FOLDERS.iter().map(PathBuf::from).collect();
        let Ok(config) = Config::load(&self.root.join("config.toml")) else {
            return if self.sources.is_empty() {
                folders
            } else {
                self.sources.clone()
            };
        };
        for lang in Languages::new(&config).iter() {
            if let Some(dir) = &lang.content_dir
                && !folders.iter().any(|f| dir.starts_with(f))
            {
                folders.push(dir.clone());
            }
        }
        folders
    }

    /// `path` relative to the root, if a change to it can change the site. Editors' swap
    /// and backup files cannot, and would otherwise cause a rebuild per keystroke.
    fn source(&self, path: &Path) -> Option<PathBuf> {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") {
            return None;
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        let watched = rel == Path::new("config.toml")
            || self.sources.iter().any(|folder| rel.starts_with(folder));
        watched.then(|| rel.to_path_buf())
    }
}
