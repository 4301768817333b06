//! Render results kept between builds, so that `folio serve` re-renders only what an edit
//! affects. Each page's Markdown result is kept under a hash of its source text, each
//! output file under a hash of its template context (or feed contents); a later build
//! reuses every result whose hash is unchanged. `folio build` renders once, so its cache
//! ([`RenderCache::single_build`]) keeps nothing.

use std::collections::HashMap;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use serde::Serialize;

use crate::content::Source;
use crate::date::Date;
use crate::error::Result;
use crate::feed;
use crate::highlight::Highlighter;
use crate::markdown::{self, MarkdownOptions};
use crate::math::KeptFormulas;
use crate::progress::Progress;
use crate::search::{self, BundleFile, Document, SearchError};
use crate::templates::Templates;
use crate::timings::{Phase, Timings};

type Digest = blake3::Hash;
/// By path: the hash of the inputs, and what they gave.
type Memo<T> = Mutex<HashMap<PathBuf, (Digest, Arc<T>)>>;

#[derive(Default)]
pub struct RenderCache {
    /// Loading the syntax definitions takes longer than rendering most pages, so the
    /// highlighter is made once and kept (and shared with `folio serve`'s fast path).
    highlighter: Arc<OnceLock<Highlighter>>,
    /// Hash of the templates the current build loaded: every template output depends on
    /// it. Taken from the loaded text, so it always matches what renders.
    templates: Mutex<Option<Digest>>,
    /// The formulas of the last build, typeset.
    formulas: Arc<KeptFormulas>,
    /// By source file: one entry per file, so the cache never outgrows the site.
    markdown: Memo<markdown::Rendered>,
    /// By output file, likewise.
    outputs: Memo<[u8]>,
    /// Pagefind's bundle, under a hash of the documents it indexed: indexing looks at
    /// every page, so it is redone only when one of them changed.
    search: Mutex<Option<(Digest, Arc<[BundleFile]>)>>,
    rerendered: Mutex<Rerendered>,
    /// Where this cache's builds spent their time.
    timings: Timings,
    /// Shown on a terminal by `folio build`; nothing by default.
    progress: Progress,
    /// For a single build nothing is worth keeping: hashing contexts and holding a
    /// second copy of every output would only cost time and memory.
    single_build: bool,
}

/// What the builds since the last [`RenderCache::take_rerendered`] rendered afresh.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rerendered {
    /// Source files whose Markdown was rendered.
    pub markdown: Vec<PathBuf>,
    /// Output files rendered from templates or written as feeds.
    pub outputs: Vec<PathBuf>,
    /// Output files taken from the cache.
    pub reused: usize,
    /// Whether the search index was made afresh.
    pub search: bool,
}

/// A poisoned lock only means another render thread panicked mid-insert of a whole
/// entry; the map itself is still consistent.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl RenderCache {
    /// A cache that keeps nothing, for `folio build`.
    pub fn single_build() -> Self {
        Self {
            single_build: true,
            ..Self::default()
        }
    }

    /// Makes the highlighter in `highlighter`, or takes it from there.
    pub fn with_highlighter(self, highlighter: Arc<OnceLock<Highlighter>>) -> Self {
        Self {
            highlighter,
            ..self
        }
    }

    /// Shows the build's progress on `progress`.
    pub fn with_progress(self, progress: Progress) -> Self {
        Self { progress, ..self }
    }

    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub fn timings(&self) -> &Timings {
        &self.timings
    }

    /// The timings so far, leaving none.
    pub fn take_timings(&mut self) -> Timings {
        std::mem::take(&mut self.timings)
    }

    /// The highlighter, made when first asked for: a build whose code all comes from
    /// the cache never loads the syntaxes.
    pub fn highlighter(&self) -> &OnceLock<Highlighter> {
        &self.highlighter
    }

    /// Whether renders are kept for later builds (`folio serve`'s cache, which holds every
    /// page's Markdown anyway); a single build may drop what it has written.
    pub fn keeps_renders(&self) -> bool {
        !self.single_build
    }

    /// Where formulas typeset by one build are kept for the next; none for a single build.
    pub fn kept_formulas(&self) -> Option<Arc<KeptFormulas>> {
        (!self.single_build).then(|| self.formulas.clone())
    }

    /// Hashes the templates a build loaded, and the stylesheets they may inline, once per
    /// build, before any output is rendered.
    pub fn set_templates(&self, templates: &Templates) {
        if self.single_build {
            return;
        }
        let mut hasher = blake3::Hasher::new();
        let sources = templates.sources();
        let sources = sources.map(|(path, text)| (path.as_os_str().as_encoded_bytes(), text));
        let sheets = templates.stylesheets();
        let sheets = sheets.iter().map(|(path, css)| (path.as_bytes(), css));
        for (name, text) in sources.chain(sheets) {
            for part in [name, text.as_bytes()] {
                hasher.update(&(part.len() as u64).to_le_bytes());
                hasher.update(part);
            }
        }
        *lock(&self.templates) = Some(hasher.finalize());
    }

    /// The Markdown of `source`, rendered or reused.
    pub fn markdown(&self, source: &Source, options: &MarkdownOptions) -> Arc<markdown::Rendered> {
        if self.single_build {
            return Arc::new(markdown::render(source, options));
        }
        let mut hasher = blake3::Hasher::new();
        // Everything `markdown::render` reads: the body (and where it starts, for the
        // line numbers in math errors), the summary, whether `@key` cites, and the options.
        let key = format!(
            "{}\n{:?}\n{}\n{:?}\n{}\n{}\n{:?}\n{}\n{:?}\n",
            source.body_line,
            source.meta.summary,
            options.bibliography || !source.meta.bibliography.is_empty(),
            options.math,
            options.summary_length,
            options.highlighter.is_some(),
            options.slugs,
            options.has_cjk_language && source.has_cjk,
            options.boxes,
        );
        hasher.update(key.as_bytes());
        hasher.update(source.body.as_bytes());
        let digest = hasher.finalize();
        if let Some((d, rendered)) = lock(&self.markdown).get(&source.path)
            && *d == digest
        {
            return rendered.clone();
        }
        let rendered = Arc::new(markdown::render(source, options));
        lock(&self.markdown).insert(source.path.clone(), (digest, rendered.clone()));
        lock(&self.rerendered).markdown.push(source.path.clone());
        rendered
    }

    /// Template `name` rendered for `path`, or the same file's output from an earlier
    /// build if the context is unchanged.
    pub fn template<F: Serialize, V: Serialize>(
        &self,
        templates: &Templates,
        path: &Path,
        name: &str,
        frame: &F,
        vars: &V,
    ) -> Result<Vec<u8>> {
        self.template_keyed(templates, (path, name), &(frame, vars), |t| {
            t.render(name, frame, vars)
        })
    }

    /// Template `name` rendered for `path` by `render`, or the same file's output from an
    /// earlier build if `key` is unchanged. `key` must determine the whole context
    /// `render` gives the template, and is for contexts costly to make: such as a page's
    /// body with its formulas, whose key is the body before they are filled in.
    pub fn template_keyed<K: Serialize>(
        &self,
        templates: &Templates,
        (path, name): (&Path, &str),
        key: &K,
        render: impl FnOnce(&Templates) -> Result<String>,
    ) -> Result<Vec<u8>> {
        let render = || {
            let html = (self.timings).part(Phase::Templates, name, || render(templates));
            self.progress.tick();
            html.map(String::into_bytes)
        };
        if self.single_build {
            return render();
        }
        let mut hasher = blake3::Hasher::new();
        if let Some(t) = *lock(&self.templates) {
            hasher.update(t.as_bytes());
        }
        hasher.update(name.as_bytes());
        // A context that cannot be serialized cannot be rendered either; Tera reports it.
        let digest = digest_json(hasher, key);
        self.memo(path, digest, render)
    }

    /// The feed written to `path`, rendered or reused.
    pub fn feed(&self, path: &Path, channel: &feed::Channel) -> Vec<u8> {
        let render = || (self.timings).part(Phase::Templates, "feeds", || feed::render(channel));
        if self.single_build {
            return render();
        }
        let mut hasher = blake3::Hasher::new();
        let mut field = |text: &str| {
            hasher.update(&(text.len() as u64).to_le_bytes());
            hasher.update(text.as_bytes());
        };
        field(&channel.title);
        field(&channel.link);
        field(&channel.description);
        field(channel.language);
        field(&channel.self_url);
        for item in &channel.items {
            field(item.title);
            field(&item.link);
            field(&item.date.map(Date::rfc822).unwrap_or_default());
            field(item.description);
            field(item.content.unwrap_or_default());
        }
        let digest = hasher.finalize();
        let Ok(bytes) = self.memo(path, Some(digest), || Ok::<_, Infallible>(render()));
        bytes
    }

    /// The search bundle of `documents`, made or reused.
    pub fn search(
        &self,
        documents: &[Document],
        ignore: &[&str],
    ) -> Result<Vec<BundleFile>, SearchError> {
        if self.single_build {
            return search::index(documents, ignore);
        }
        let digest = digest_json(blake3::Hasher::new(), &(documents, ignore));
        if let Some(digest) = digest
            && let Some((d, files)) = &*lock(&self.search)
            && *d == digest
        {
            return Ok(files.to_vec());
        }
        let files = search::index(documents, ignore)?;
        *lock(&self.search) = digest.map(|d| (d, files.clone().into()));
        lock(&self.rerendered).search = true;
        Ok(files)
    }

    fn memo<E>(
        &self,
        path: &Path,
        digest: Option<Digest>,
        render: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Vec<u8>, E> {
        if let Some(digest) = digest
            && let Some((d, bytes)) = lock(&self.outputs).get(path)
            && *d == digest
        {
            lock(&self.rerendered).reused += 1;
            return Ok(bytes.to_vec());
        }
        let bytes = render()?;
        if let Some(digest) = digest {
            lock(&self.outputs).insert(path.to_path_buf(), (digest, Arc::from(bytes.as_slice())));
        }
        lock(&self.rerendered).outputs.push(path.to_path_buf());
        Ok(bytes)
    }

    /// What was rendered afresh since the last call, sorted.
    pub fn take_rerendered(&self) -> Rerendered {
        let mut r = std::mem::take(&mut *lock(&self.rerendered));
        r.markdown.sort();
        r.outputs.sort();
        r
    }
}

/// `hasher`'s digest once `value` is added as JSON, or none if it cannot be serialized.
/// Through a buffer, as serde writes in small pieces and BLAKE3 is many times faster on
/// large ones.
fn digest_json(mut hasher: blake3::Hasher, value: &impl Serialize) -> Option<Digest> {
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut hasher);
    serde_json::to_writer(&mut buffered, value).ok()?;
    buffered.into_inner().ok()?;
    Some(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_bundle_is_made_again_only_when_a_document_changed() {
        let memo = RenderCache::default();
        let document = |content: &str| Document {
            url: "/a/".into(),
            lang: "en".into(),
            title: "A".into(),
            description: None,
            content: format!("<p>{content}</p>"),
        };
        let made = || memo.take_rerendered().search;
        memo.search(&[document("One text.")], &[]).unwrap();
        assert!(made());
        let files = memo.search(&[document("One text.")], &[]).unwrap();
        assert!(!made(), "unchanged pages reuse the bundle");
        assert!(files.iter().any(|f| f.document == Some(0)));
        memo.search(&[document("Another text.")], &[]).unwrap();
        assert!(made());
    }
}
