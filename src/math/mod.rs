//! KaTeX at build time. Every distinct (formula, display, medium) is rendered once per
//! build, on all cores (one JavaScript engine per worker thread), through a disk cache
//! keyed by KaTeX version, options and formula.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::config::{MathConfig, MathErrors};
use crate::error::Error;
use crate::markdown::{MATH_CLOSE, MATH_OPEN, MathSpan, escape_html};

mod assets;
mod cache;
mod katex_html;

pub use assets::ASSETS;
use cache::DiskCache;
pub use katex_html::tidy;

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
    html: HashMap<Formula, String>,
    pub stats: Stats,
}

impl Typeset {
    /// Replaces the placeholders in `html` with the rendered `spans`.
    pub fn fill(&self, html: &str, spans: &[MathSpan], medium: Medium) -> String {
        fill_with(html, spans, |span, out| {
            if let Some(html) = self.html.get(&Formula::new(span, medium)) {
                out.push_str(html);
            }
        })
    }
}

/// Replaces the placeholders in `html` with each formula's TeX source between dollars,
/// for text that stands for the formula, such as the search index.
pub fn fill_source(html: &str, spans: &[MathSpan]) -> String {
    fill_with(html, spans, |span, out| {
        let dollars = if span.display { "$$" } else { "$" };
        out.push_str(dollars);
        out.push_str(&escape_html(span.tex.trim()));
        out.push_str(dollars);
    })
}

/// `html` with each placeholder replaced by what `write` writes for its span.
fn fill_with(
    html: &str,
    spans: &[MathSpan],
    mut write: impl FnMut(&MathSpan, &mut String),
) -> String {
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
        if let Some(span) = span {
            write(span, &mut out);
        }
        rest = &after[end + MATH_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
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
    pub fn new(config: &MathConfig, cache_dir: Option<PathBuf>) -> Self {
        let options_key = format!(
            "katex {} tidy {} macros {:?} errors {:?}",
            katex::KATEX_VERSION.trim(),
            katex_html::VERSION,
            config.macros,
            config.errors
        );
        Self {
            config: config.clone(),
            cache: cache_dir.map(|dir| DiskCache::new(dir, options_key)),
        }
    }

    /// Renders every formula the spans need. With `errors = "error"`, every bad formula
    /// of the site is reported at once.
    pub fn render(&self, needed: Vec<(&MathSpan, Medium)>) -> Result<(Typeset, Warnings), Error> {
        let formulas: BTreeSet<Formula> = needed
            .iter()
            .map(|(span, medium)| Formula::new(span, *medium))
            .collect();

        let cached = AtomicUsize::new(0);
        let warn = self.config.errors == MathErrors::Warn;
        // A bad formula is an error; with `errors = "warn"` it also gets KaTeX's red
        // error rendering as a fallback. Only good renderings are cached, so a warm
        // build warns again.
        let results: Vec<(Formula, Result<String, String>, Option<String>)> = formulas
            .into_par_iter()
            .map(|formula| {
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
                    Err(_) if warn => self.katex(&formula, false).ok(),
                    Err(_) => None,
                };
                (formula, result, fallback)
            })
            .collect();

        let cached = cached.into_inner();
        let mut rendered = Typeset {
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

    fn katex(&self, formula: &Formula, throw_on_error: bool) -> Result<String, String> {
        if let Some(message) = too_deep(&formula.tex) {
            return Err(message);
        }
        let mut builder = katex::Opts::builder();
        builder
            .display_mode(formula.display)
            .output_type(match formula.medium {
                Medium::Page => katex::OutputType::HtmlAndMathml,
                Medium::Feed => katex::OutputType::Mathml,
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
    use crate::error::Location;

    #[test]
    fn source_fill_writes_each_formula_as_its_tex() {
        let span = |tex: &str, display| MathSpan {
            tex: tex.into(),
            display,
            location: Location::new(std::path::Path::new("a.md"), 1, 1),
        };
        let spans = [span("x < y_i", false), span("\n\\sum_i p_i\n", true)];
        let html = format!("<p>Let {MATH_OPEN}0{MATH_CLOSE} be</p>{MATH_OPEN}1{MATH_CLOSE}");
        assert_eq!(
            fill_source(&html, &spans),
            "<p>Let $x &lt; y_i$ be</p>$$\\sum_i p_i$$"
        );
    }

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
