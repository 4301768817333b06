//! KaTeX at build time. Every distinct (formula, display) is rendered once per build, on
//! all cores (one JavaScript engine per worker thread), through a disk cache keyed by
//! KaTeX version, options and formula. Feeds get the MathML cut out of the pages' form.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{MathConfig, MathErrors};
use crate::error::Error;
use crate::markdown::MathSpan;
use crate::progress::Progress;
use crate::store::Store;

mod assets;
mod cache;
mod engine;
mod fill;
mod katex_html;
mod kept;
mod report;

pub use assets::{ASSETS, stylesheet};
use cache::DiskCache;
pub use cache::{CacheUse, open_store};
pub use fill::{fill_source, indices};
pub use katex_html::tidy;
pub use kept::KeptFormulas;
use report::{Outcome, Report};

/// Ends the JavaScript engines' worker processes, so that their time counts as folio's.
pub fn stop_engines() {
    engine::stop();
}

/// Formulas sent to KaTeX together: few enough to share the work out over the threads,
/// enough that a Node.js worker is not woken for every formula.
const BATCH: usize = 32;

/// How deeply groups may nest before a formula is refused rather than handed to KaTeX,
/// whose recursive parser would exhaust the engine's stack.
const MAX_NESTING: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Medium {
    /// For pages: HTML for layout and MathML for accessibility.
    Page,
    /// For feeds: MathML alone, which readers display without a stylesheet.
    Feed,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Formula {
    pub tex: String,
    pub display: bool,
    pub medium: Medium,
}

impl Formula {
    pub fn new(span: &MathSpan, medium: Medium) -> Self {
        Self {
            tex: span.tex.clone(),
            display: span.display,
            medium,
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub rendered: usize,
    pub cached: usize,
}

/// The formulas of one build, typeset.
#[derive(Debug, Default)]
pub struct Typeset {
    html: HashMap<Formula, Arc<str>>,
    pub stats: Stats,
    /// KaTeX's version and every option that changes its output: with the formula, all
    /// that its HTML depends on.
    pub fingerprint: String,
}

impl Typeset {
    /// The feeds' form of every formula `needed` there, from the pages' form.
    fn add_feeds(&mut self, needed: &[(&MathSpan, Medium)]) {
        for (span, _) in needed.iter().filter(|(_, m)| *m == Medium::Feed) {
            let page = Formula::new(span, Medium::Page);
            let feed = Formula::new(span, Medium::Feed);
            if !self.html.contains_key(&feed)
                && let Some(html) = self.html.get(&page)
            {
                let mathml = katex_html::mathml_only(html);
                self.html.insert(feed, mathml.into());
            }
        }
    }
}

pub struct MathRenderer {
    config: MathConfig,
    fingerprint: String,
    cache: Option<DiskCache>,
    kept: Option<Arc<KeptFormulas>>,
    progress: Progress,
}

/// Warnings to print: KaTeX's strict-mode warnings, and bad formulas when `errors = "warn"`.
pub type Warnings = Vec<String>;

impl MathRenderer {
    /// A renderer with no disk cache.
    pub fn new(config: &MathConfig) -> Self {
        Self {
            config: config.clone(),
            fingerprint: format!(
                "katex {} options {} tidy {} macros {:?} errors {:?}",
                engine::KATEX_VERSION,
                engine::OPTIONS_VERSION,
                katex_html::VERSION,
                config.macros,
                config.errors
            ),
            cache: None,
            kept: None,
            progress: Progress::default(),
        }
    }

    /// Takes formulas from `kept` before the disk cache, and keeps this build's there.
    pub fn with_kept(self, kept: Arc<KeptFormulas>) -> Self {
        Self {
            kept: Some(kept),
            ..self
        }
    }

    /// Counts the formulas done on `progress`.
    pub fn with_progress(self, progress: Progress) -> Self {
        Self { progress, ..self }
    }

    /// Uses the cache in `store` as `used` says.
    pub fn with_cache(self, store: Option<Arc<Store>>, used: CacheUse) -> Self {
        let Some(store) = store else {
            return self;
        };
        Self {
            cache: DiskCache::open(store, self.fingerprint.clone(), used),
            ..self
        }
    }

    /// Renders every formula the spans need. With `errors = "error"`, every bad formula
    /// of the site is reported at once.
    pub fn render(&self, needed: Vec<(&MathSpan, Medium)>) -> Result<(Typeset, Warnings), Error> {
        // Rendered for pages only: the feeds' form is cut out of that (`Typeset::add_feeds`).
        let formulas: BTreeSet<Formula> = needed
            .iter()
            .map(|(span, _)| Formula::new(span, Medium::Page))
            .collect();
        self.progress.stage("math", Some(formulas.len()));
        let (mut outcomes, todo) = self.look_up(formulas);
        let cached = outcomes.len();
        if !todo.is_empty() {
            engine::check(self.config.engine).map_err(Error::MathEngine)?;
        }
        outcomes.par_extend(
            todo.par_chunks(BATCH)
                .flat_map_iter(|batch| self.typeset(batch)),
        );
        let mut rendered = Typeset {
            html: HashMap::with_capacity(outcomes.len()),
            stats: Stats {
                rendered: outcomes.len() - cached,
                cached,
            },
            fingerprint: self.fingerprint.clone(),
        };
        let mut report = Report::default();
        let mut clean = HashMap::new();
        for outcome in outcomes {
            report.add(&needed, &outcome);
            if let (Ok(html), true, Some(_)) =
                (&outcome.result, outcome.strict.is_empty(), &self.kept)
            {
                clean.insert(outcome.formula.clone(), html.clone());
            }
            if let Some(html) = outcome.result.ok().or(outcome.fallback) {
                rendered.html.insert(outcome.formula, html);
            }
        }
        if let Some(kept) = &self.kept {
            kept.keep(&self.fingerprint, clean);
        }
        self.finish(&mut rendered, &needed);
        let warnings = report.finish(self.config.errors == MathErrors::Warn)?;
        Ok((rendered, warnings))
    }

    /// The formulas found in memory (`kept`) or the disk cache, as outcomes, and those
    /// KaTeX must typeset.
    fn look_up(&self, formulas: BTreeSet<Formula>) -> (Vec<Outcome>, Vec<Formula>) {
        let kept = (self.kept.as_ref()).map_or_else(HashMap::new, |k| k.take(&self.fingerprint));
        let found: Vec<(Formula, Option<Arc<str>>)> = formulas
            .into_par_iter()
            .map(|formula| {
                let html = kept.get(&formula).cloned().or_else(|| {
                    let html = self.cache.as_ref()?.read(&formula)?;
                    Some(html.into())
                });
                (formula, html)
            })
            .collect();
        let (mut known, mut todo) = (Vec::new(), Vec::new());
        for (formula, html) in found {
            match html {
                Some(html) => known.push(Outcome::clean(formula, html)),
                None => todo.push(formula),
            }
        }
        self.progress.advance(known.len());
        (known, todo)
    }

    /// A batch of formulas typeset by KaTeX, in one exchange with a Node.js worker.
    fn typeset(&self, batch: &[Formula]) -> Vec<Outcome> {
        let rendered = self.katex(batch, true);
        self.progress.advance(batch.len());
        (batch.iter().zip(rendered))
            .map(|(formula, rendering)| self.outcome(formula.clone(), rendering))
            .collect()
    }

    /// What KaTeX gave for a formula not cached. Only good renderings without warnings
    /// are cached, so a warm build warns again.
    fn outcome(&self, formula: Formula, rendering: Result<engine::Rendering, String>) -> Outcome {
        let (result, strict) = match rendering {
            Ok(rendering) => (Ok(rendering.html.into()), rendering.warnings),
            Err(message) => (Err(message), Vec::new()),
        };
        if let (Ok(_), Some(cache), true) = (&result, &self.cache, strict.is_empty()) {
            cache.add(&formula);
        }
        let fallback = match &result {
            Err(_) if self.config.errors == MathErrors::Warn => {
                let again = self.katex(std::slice::from_ref(&formula), false).pop();
                again.and_then(Result::ok).map(|r| r.html.into())
            }
            _ => None,
        };
        Outcome {
            formula,
            result,
            fallback,
            strict,
        }
    }

    /// Saves the formulas this build rendered and adds the feeds' forms.
    fn finish(&self, rendered: &mut Typeset, needed: &[(&MathSpan, Medium)]) {
        if let Some(cache) = &self.cache {
            cache.save(&rendered.html);
        }
        rendered.add_feeds(needed);
    }

    /// KaTeX's renderings of `formulas`, in order, tidied; a formula nested too deeply
    /// is refused without asking KaTeX.
    fn katex(
        &self,
        formulas: &[Formula],
        throw_on_error: bool,
    ) -> Vec<Result<engine::Rendering, String>> {
        let refused: Vec<Option<String>> = formulas.iter().map(|f| too_deep(&f.tex)).collect();
        let requests: Vec<engine::Request> = (formulas.iter().zip(&refused))
            .filter(|(_, refused)| refused.is_none())
            .map(|(formula, _)| engine::Request {
                tex: &formula.tex,
                display: formula.display,
                mathml_only: formula.medium == Medium::Feed,
                throw_on_error,
                macros: &self.config.macros,
            })
            .collect();
        let mut answers = engine::render_all(self.config.engine, &requests).into_iter();
        refused
            .into_iter()
            .map(|refused| match refused {
                Some(message) => Err(message),
                None => answers
                    .next()
                    .unwrap_or_else(|| Err("KaTeX error: no answer".into())),
            })
            .map(|answer| {
                answer
                    .map(|r| engine::Rendering {
                        html: katex_html::tidy(&r.html),
                        warnings: r.warnings,
                    })
                    .map_err(|message| katex_html::clean_message(&message))
            })
            .collect()
    }
}

fn too_deep(tex: &str) -> Option<String> {
    let bytes = tex.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0);
    // Byte-wise is safe: `\`, `{` and `}` never occur inside a multi-byte character.
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                // The whole command name: `\leftarrow` is not `\left`.
                let rest = &tex[i + 1..];
                let name = &rest[..rest
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(rest.len())];
                match name {
                    "left" | "begin" => depth += 1,
                    "right" | "end" => depth = depth.saturating_sub(1),
                    _ => {}
                }
                i += name.len().max(1);
            }
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        max = max.max(depth);
        i += 1;
    }
    (max > MAX_NESTING).then(|| {
        format!("KaTeX parse error: formula nested {max} levels deep (the limit is {MAX_NESTING}); simplify it")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_limit() {
        let deep = "{".repeat(100) + &"}".repeat(100);
        assert!(too_deep(&deep).is_some());
        assert!(too_deep("\\frac{a}{b} \\left( x \\right)").is_none());
        let arrows = "a \\leftarrow b \\\\ ".repeat(100);
        assert!(too_deep(&format!("\\begin{{aligned}}{arrows}\\end{{aligned}}")).is_none());
        assert!(too_deep(&"\\left(".repeat(100)).is_some());
    }

    fn spans(texes: &[&str]) -> Vec<MathSpan> {
        let at = crate::error::Location::new(std::path::Path::new("m.md"), 1, 1);
        (texes.iter())
            .map(|tex| MathSpan {
                tex: tex.to_string(),
                display: false,
                location: at.clone(),
                label: None,
                refs: Vec::new(),
            })
            .collect()
    }

    /// A rebuild counts as kept only the formulas it needs: after one is removed, the
    /// earlier build's others are all from memory and none is rendered.
    #[test]
    fn kept_formulas_count_once_each() {
        let kept = Arc::new(KeptFormulas::default());
        let renderer = MathRenderer::new(&MathConfig::default()).with_kept(kept);
        let render = |texes: &[&str]| {
            let spans = spans(texes);
            let needed = spans.iter().map(|s| (s, Medium::Page)).collect();
            renderer.render(needed).unwrap().0.stats
        };
        let first = render(&["a", "b"]);
        assert_eq!((first.rendered, first.cached), (2, 0));
        let second = render(&["a"]);
        assert_eq!((second.rendered, second.cached), (0, 1));
        let third = render(&["a", "c"]);
        assert_eq!((third.rendered, third.cached), (1, 1));
    }
}
