//! Rebuilding the site for `folio serve`: the whole site on a thread of its own after
//! every change, and before that, on the watcher's thread, the edited pages alone when
//! they can be rendered on their own, so that an edit shows at once.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use super::Shared;
use crate::content::ReadCache;
use crate::error::{Error, Result};
use crate::highlight::Highlighter;
use crate::origin::{Input, Origin};
use crate::output::Files;
use crate::render_cache::{RenderCache, Rerendered};
use crate::site::{self, BuildOptions, Model, Site};
use crate::timings::{Phase, Table};

/// A batch of changed files (relative to the site), numbered from 1 in the order the
/// watcher reported them.
type Batch = (u64, Vec<PathBuf>);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Shows edited pages ahead of the rebuild of the whole site.
pub struct FastPath {
    /// The site as the last good rebuild left it.
    pub model: Arc<Mutex<Option<Model>>>,
    pub highlighter: Arc<OnceLock<Highlighter>>,
    /// The number of the last batch of changes.
    pub batch: u64,
}

impl FastPath {
    /// Shows the pages of `changed` at once if they can be rendered on their own, then
    /// has the whole site rebuilt. Not while the last rebuild failed: its error stays
    /// shown until a rebuild succeeds.
    pub fn show_then_rebuild(
        &mut self,
        shared: &Shared,
        changed: &[PathBuf],
        rebuilds: &Sender<Batch>,
    ) {
        self.batch += 1;
        if shared.snapshot().error.is_none() {
            self.show(shared, changed);
        }
        // The rebuild thread ends only with the process.
        let _ = rebuilds.send((self.batch, changed.to_vec()));
    }

    fn show(&self, shared: &Shared, changed: &[PathBuf]) {
        let start = Instant::now();
        let pages = match lock(&self.model).as_mut() {
            Some(model) => model.render_pages(changed, &self.highlighter),
            None => None,
        };
        let Some(pages) = pages else { return };
        let names: Vec<String> = (pages.iter()).map(|(path, _)| name(path)).collect();
        shared.publish_pages(pages, self.batch);
        println!(
            "{}: showing {} in {} ms, rendered on its own; rebuilding the site",
            describe_changes(changed),
            list(&names, 4),
            start.elapsed().as_millis()
        );
    }
}

/// What rebuilds keep from one to the next.
pub struct Rebuilder {
    pub options: BuildOptions,
    pub memo: RenderCache,
    pub reads: ReadCache,
    /// Whether to print each rebuild's phases.
    pub timings: bool,
    /// Where each good rebuild leaves its site, for the fast path.
    pub model: Arc<Mutex<Option<Model>>>,
}

impl Rebuilder {
    /// Rebuilds on a thread of its own after each batch of changes sent, the batches
    /// that came during a rebuild together.
    pub fn start(mut self, shared: Arc<Shared>) -> Result<Sender<Batch>> {
        let (sender, batches) = channel();
        let subject = self.options.root.display().to_string();
        std::thread::Builder::new()
            .name("folio-rebuild".into())
            .spawn(move || self.serve(&shared, &batches))
            .map_err(|e| Error::Serve {
                subject,
                message: format!("cannot start the rebuild thread: {e}"),
            })?;
        Ok(sender)
    }

    /// Rebuilds after each batch until the sender is gone.
    fn serve(&mut self, shared: &Shared, batches: &Receiver<Batch>) {
        while let Ok(first) = batches.recv() {
            let mut changed = BTreeSet::new();
            let mut covered = first.0;
            for (batch, paths) in std::iter::once(first).chain(batches.try_iter()) {
                covered = batch;
                changed.extend(paths);
            }
            let changed: Vec<PathBuf> = changed.into_iter().collect();
            self.reads.forget(&changed);
            self.rebuild(shared, &describe_changes(&changed), covered);
        }
    }

    /// Builds the site again, publishes the result (or the error, keeping the last
    /// good output) as covering the batches of changes up to `covered`, and logs what
    /// was re-rendered and how long it took.
    pub fn rebuild(&mut self, shared: &Shared, why: &str, covered: u64) {
        let start = Instant::now();
        let options = &self.options;
        let loaded = (self.memo.timings()).phase(Phase::Load, || {
            Site::load_reusing(options, Some(&mut self.reads))
        });
        let result = loaded.and_then(|site| site::render_keeping(site, options, &self.memo));
        let rerendered = self.memo.take_rerendered();
        let elapsed = start.elapsed();
        match result {
            Ok((files, report, model)) => {
                for warning in &report.warnings {
                    eprintln!("{warning}");
                }
                let summary = summary(&options.root, &rerendered, &files, elapsed);
                println!("{why}: {summary}");
                // The last model is freed once the fast path can have the lock again.
                let last = lock(&self.model).replace(model);
                drop(last);
                shared.publish(Some(files), None, covered);
            }
            Err(e) => {
                let serving = if shared.snapshot().files.is_empty() {
                    "every page shows this error until it is fixed"
                } else {
                    "still serving the last good site"
                };
                eprintln!(
                    "{why}: rebuild failed in {} ms; {serving}:\nerror: {e}",
                    elapsed.as_millis()
                );
                shared.publish(None, Some(e.to_string()), covered);
            }
        }
        if self.timings {
            let timings = self.memo.take_timings();
            let total = start.elapsed();
            print!(
                "{}",
                Table {
                    timings: &timings,
                    total
                }
            );
        }
    }
}

/// `content/posts/a.md changed`, or `3 files changed (…)`, from paths relative to the site.
fn describe_changes(changed: &[PathBuf]) -> String {
    let names: Vec<String> = changed.iter().map(|p| name(p)).collect();
    match names.as_slice() {
        [one] => format!("{one} changed"),
        many => format!("{} files changed ({})", many.len(), list(many, 4)),
    }
}

/// `rebuilt in 12 ms: Markdown of content/a.md; re-rendered 1 pages (en/a/index.html
/// (page.html from content/a.md:1)); 60 reused`
fn summary(root: &Path, rerendered: &Rerendered, files: &Files, elapsed: Duration) -> String {
    let mut out = format!("rebuilt in {} ms", elapsed.as_millis());
    if !rerendered.markdown.is_empty() {
        let names: Vec<String> = rerendered
            .markdown
            .iter()
            .map(|p| relative(root, p))
            .collect();
        let _ = write!(out, "; Markdown of {}", list(&names, 6));
    }
    let (feeds, pages): (Vec<&PathBuf>, Vec<&PathBuf>) = rerendered
        .outputs
        .iter()
        .partition(|p| p.extension().is_some_and(|e| e == "xml"));
    let pages: Vec<String> = pages.iter().map(|p| with_origin(root, p, files)).collect();
    let mut parts = Vec::new();
    if !pages.is_empty() {
        parts.push(format!("{} pages ({})", pages.len(), list(&pages, 20)));
    }
    if !feeds.is_empty() {
        parts.push(format!("{} feeds", feeds.len()));
    }
    if parts.is_empty() {
        out.push_str("; nothing re-rendered");
    } else {
        let _ = write!(out, "; re-rendered {}", parts.join(" and "));
    }
    if rerendered.search {
        out.push_str("; search index made afresh");
    }
    let _ = write!(out, "; {} reused", rerendered.reused);
    out
}

/// `en/a/index.html (page.html from content/a.md:1)`, from the origin the render recorded.
fn with_origin(root: &Path, output: &Path, files: &Files) -> String {
    let name = name(output);
    match files.origin(output) {
        Some(Origin {
            maker,
            input: Some(Input::Markdown { path, line }),
        }) => format!("{name} ({maker} from {}:{line})", relative(root, path)),
        Some(origin) => format!("{name} ({origin})"),
        None => name,
    }
}

/// A path as the log shows it.
fn name(output: &Path) -> String {
    output.to_string_lossy().replace('\\', "/")
}

fn relative(root: &Path, path: &Path) -> String {
    name(path.strip_prefix(root).unwrap_or(path))
}

/// The first `max` names, then how many more.
fn list(names: &[String], max: usize) -> String {
    let mut out = names
        .iter()
        .take(max)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > max {
        let _ = write!(out, " and {} more", names.len() - max);
    }
    out
}
