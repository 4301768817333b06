//! KaTeX at build time. Every distinct (formula, display, output) is rendered once per
//! build, on all cores (one JavaScript engine per worker thread), through a disk cache
//! keyed by KaTeX version, options and formula.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::config::{MathConfig, MathErrors};
use crate::error::Error;
use crate::markdown::{MATH_CLOSE, MATH_OPEN, MathSpan};

mod assets;
mod cache;
mod katex_html;

pub use assets::ASSETS;
pub use cache::CacheUse;
use cache::DiskCache;
pub use katex_html::tidy;

/// How deeply groups may nest before a formula is refused rather than handed to KaTeX,
/// whose recursive parser would exhaust the engine's stack.
const MAX_NESTING: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Output {
    /// For pages: HTML for layout and MathML for accessibility.
    Page,
    /// For feeds: MathML alone, which readers display without a stylesheet.
    Feed,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Formula {
    pub tex: String,
    pub display: bool,
    pub output: Output,
}

impl Formula {
    pub fn new(span: &MathSpan, output: Output) -> Self {
        Self {
            tex: span.tex.clone(),
            display: span.display,
            output,
        }
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub rendered: usize,
    pub cached: usize,
}

/// Rendered formulas of one build.
#[derive(Debug, Default)]
pub struct Rendered {
    html: HashMap<Formula, String>,
    pub stats: Stats,
}

impl Rendered {
    /// Replaces the placeholders in `html` with the rendered `spans`.
    pub fn fill(&self, html: &str, spans: &[MathSpan], output: Output) -> String {
        let mut out = String::with_capacity(html.len() * 2);
        let mut rest = html;
        while let Some(start) = rest.find(MATH_OPEN) {
            out.push_str(&rest[..start]);
            let after = &rest[start + MATH_OPEN.len_utf8()..];
            let Some(end) = after.find(MATH_CLOSE) else {
                out.push_str(&rest[start..]);
                return out;
            };
            let span = after[..end]
                .parse::<usize>()
                .ok()
                .and_then(|i| spans.get(i));
            if let Some(html) = span.and_then(|s| self.html.get(&Formula::new(s, output))) {
                out.push_str(html);
            }
            rest = &after[end + MATH_CLOSE.len_utf8()..];
        }
        out.push_str(rest);
        out
    }
}

/// The span numbers of the placeholders in `html`, in order.
pub fn indices(html: &str) -> impl Iterator<Item = usize> + '_ {
    html.split(MATH_OPEN)
        .skip(1)
        .filter_map(|rest| rest.split(MATH_CLOSE).next()?.parse().ok())
}

pub struct MathRenderer {
    config: MathConfig,
    cache: Option<DiskCache>,
}

/// A warning to print when `errors = "warn"`.
pub type Warnings = Vec<String>;

impl MathRenderer {
    /// A renderer with no disk cache.
    pub fn new(config: &MathConfig) -> Self {
        Self {
            config: config.clone(),
            cache: None,
        }
    }

    /// Uses the disk cache in `dir` as `used` says.
    pub fn with_cache(self, dir: PathBuf, used: CacheUse) -> Self {
        let options_key = format!(
            "katex {} tidy {} macros {:?} errors {:?}",
            katex::KATEX_VERSION.trim(),
            katex_html::VERSION,
            self.config.macros,
            self.config.errors
        );
        Self {
            cache: DiskCache::open(dir, options_key, used),
            ..self
        }
    }

    /// Renders every formula the spans need. With `errors = "error"`, every bad formula
    /// of the site is reported at once.
    pub fn render(&self, needed: Vec<(&MathSpan, Output)>) -> Result<(Rendered, Warnings), Error> {
        let formulas: BTreeSet<Formula> = needed
            .iter()
            .map(|(span, output)| Formula::new(span, *output))
            .collect();

        let cached = AtomicUsize::new(0);
        let warn = self.config.errors == MathErrors::Warn;
        let results: Vec<(Formula, Result<String, String>, Option<String>)> = formulas
            .into_par_iter()
            .map(|formula| self.render_one(formula, &cached))
            .collect();

        let cached = cached.into_inner();
        let mut rendered = Rendered {
            html: HashMap::with_capacity(results.len()),
            stats: Stats {
                rendered: results.len() - cached,
                cached,
            },
        };
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let mut reported = HashSet::new();
        for (formula, result, fallback) in results {
            match result {
                Ok(html) => {
                    rendered.html.insert(formula, html);
                }
                Err(message) => {
                    // Every place a bad formula appears is worth fixing, so report them all.
                    for (span, _) in needed
                        .iter()
                        .filter(|(s, o)| Formula::new(s, *o) == formula)
                    {
                        if reported.insert(span.location.clone()) {
                            errors.push(Error::input(
                                span.location.clone(),
                                format!("{message}\n    in formula: {}", span.tex.trim()),
                            ));
                        }
                    }
                    if let Some(html) = fallback {
                        rendered.html.insert(formula, html);
                    }
                }
            }
        }
        errors.sort_by_key(ToString::to_string);
        if warn {
            warnings.extend(errors.iter().map(|e| format!("warning: {e}")));
        } else {
            Error::collect(errors)?;
        }
        Ok((rendered, warnings))
    }

    /// The formula, its rendering or KaTeX's error, and for a bad formula with
    /// `errors = "warn"` KaTeX's rendering in its error colour. Only good renderings are
    /// cached, so a warm build warns again.
    fn render_one(
        &self,
        formula: Formula,
        cached: &AtomicUsize,
    ) -> (Formula, Result<String, String>, Option<String>) {
        if let Some(html) = self.cache.as_ref().and_then(|c| c.read(&formula)) {
            cached.fetch_add(1, Ordering::Relaxed);
            return (formula, Ok(html), None);
        }
        let result = self.katex(&formula, true);
        let fallback = match &result {
            Ok(html) => {
                if let Some(cache) = &self.cache {
                    cache.write(&formula, html);
                }
                None
            }
            Err(_) if self.config.errors == MathErrors::Warn => self.katex(&formula, false).ok(),
            Err(_) => None,
        };
        (formula, result, fallback)
    }

    fn katex(&self, formula: &Formula, throw_on_error: bool) -> Result<String, String> {
        if let Some(message) = too_deep(&formula.tex) {
            return Err(message);
        }
        let mut builder = katex::Opts::builder();
        builder
            .display_mode(formula.display)
            .output_type(match formula.output {
                Output::Page => katex::OutputType::HtmlAndMathml,
                Output::Feed => katex::OutputType::Mathml,
            })
            .throw_on_error(throw_on_error);
        for (name, body) in &self.config.macros {
            builder = builder.add_macro(name.clone(), body.clone());
        }
        let opts = builder.build().map_err(|e| e.to_string())?;
        katex::render_with_opts(&formula.tex, &opts)
            .map(|html| katex_html::tidy(&html))
            .map_err(|e| match e {
                katex::Error::JsExecError(message) => katex_html::clean_message(&message),
                other => other.to_string(),
            })
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
}
