//! KaTeX at build time. Every distinct (formula, display, output) is rendered once per
//! build, on all cores (one JavaScript engine per worker thread), through a disk cache
//! keyed by KaTeX version, options and formula.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::config::{MathConfig, MathErrors};
use crate::error::Error;
use crate::markdown::{MATH_CLOSE, MATH_OPEN, MathSpan};

/// How deeply groups may nest before a formula is refused rather than handed to KaTeX,
/// whose recursive parser would exhaust the engine's stack.
const MAX_NESTING: usize = 64;
const CACHE_MAGIC: &str = "folio-katex-1";
/// Bumped whenever `drop_negative_heights` or other post-processing changes, so the
/// cache never serves output of an older folio.
const POST_PROCESSING: u32 = 2;

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
    cache_dir: Option<PathBuf>,
    /// Fingerprint of KaTeX's version and every option that changes its output.
    options_key: String,
}

/// A warning to print when `errors = "warn"`.
pub type Warnings = Vec<String>;

impl MathRenderer {
    pub fn new(config: &MathConfig, cache_dir: Option<PathBuf>) -> Self {
        let options_key = format!(
            "katex {} post {POST_PROCESSING} macros {:?} errors {:?}",
            katex::KATEX_VERSION.trim(),
            config.macros,
            config.errors
        );
        Self {
            config: config.clone(),
            cache_dir,
            options_key,
        }
    }

    /// Renders every formula the spans need. With `errors = "error"`, every bad formula
    /// of the site is reported at once.
    pub fn render(&self, needed: Vec<(&MathSpan, Output)>) -> Result<(Rendered, Warnings), Error> {
        let mut first_use: HashMap<Formula, &MathSpan> = HashMap::new();
        for (span, output) in &needed {
            first_use.entry(Formula::new(span, *output)).or_insert(span);
        }
        let mut formulas: Vec<Formula> = first_use.keys().cloned().collect();
        formulas.sort();

        let cached = AtomicUsize::new(0);
        let warn = self.config.errors == MathErrors::Warn;
        // A bad formula is an error; with `errors = "warn"` it also gets KaTeX's red
        // error rendering as a fallback. Only good renderings are cached, so a warm
        // build warns again.
        let results: Vec<(Formula, Result<String, String>, Option<String>)> = formulas
            .into_par_iter()
            .map(|formula| {
                if let Some(html) = self.cache_read(&formula) {
                    cached.fetch_add(1, Ordering::Relaxed);
                    return (formula, Ok(html), None);
                }
                let result = self.katex(&formula, true);
                let fallback = match &result {
                    Ok(html) => {
                        self.cache_write(&formula, html);
                        None
                    }
                    Err(_) if warn => self.katex(&formula, false).ok(),
                    Err(_) => None,
                };
                (formula, result, fallback)
            })
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
        errors.sort_by(|a, b| a.to_string().cmp(&b.to_string()));
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
            .map(|html| group_function_names(&drop_negative_heights(&html)))
            .map_err(|e| match e {
                katex::Error::JsExecError(message) => clean_message(&message),
                other => other.to_string(),
            })
    }

    fn cache_path(&self, formula: &Formula) -> Option<PathBuf> {
        let dir = self.cache_dir.as_ref()?;
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.options_key.as_bytes());
        hasher.update(format!("\0{}\0{:?}\0", formula.display, formula.output).as_bytes());
        hasher.update(formula.tex.as_bytes());
        let hash = hasher.finalize().to_hex();
        Some(dir.join(&hash[..2]).join(&hash[2..]))
    }

    /// An entry is `MAGIC\nHASH-OF-BODY\nBODY`; a torn or corrupted entry is ignored.
    fn cache_read(&self, formula: &Formula) -> Option<String> {
        let text = std::fs::read_to_string(self.cache_path(formula)?).ok()?;
        let rest = text.strip_prefix(CACHE_MAGIC)?.strip_prefix('\n')?;
        let (hash, body) = rest.split_once('\n')?;
        (blake3::hash(body.as_bytes()).to_hex().as_str() == hash).then(|| body.to_string())
    }

    /// Writes to a unique temporary file and renames it into place, so concurrent builds
    /// never see a half-written entry. Failing to cache only costs speed.
    fn cache_write(&self, formula: &Formula, html: &str) {
        let Some(path) = self.cache_path(formula) else {
            return;
        };
        let Some(dir) = path.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let body = format!(
            "{CACHE_MAGIC}\n{}\n{html}",
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

/// KaTeX's message without the engine's wrapper: the crate hands it over Debug-quoted
/// (`\\` for `\`, a trailing `")`), with U+0332 underlining the culprit.
fn clean_message(message: &str) -> String {
    let message = message.trim();
    let Some(i) = message.find("KaTeX parse error") else {
        return format!("KaTeX error: {message}");
    };
    let quoted = message[i..].trim_end_matches(')').trim_end_matches('"');
    let mut out = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push(' '),
            Some('u') => {
                // `\u{332}` and friends: drop the escape, keep nothing.
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out.replace('\u{332}', "")
}

/// KaTeX writes `height:-0.2em` on some vertical lists. CSS forbids negative heights, so
/// browsers ignore the declaration; dropping it changes nothing on screen and makes the
/// page valid HTML.
fn drop_negative_heights(html: &str) -> String {
    const NEEDLE: &str = "height:-";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(NEEDLE) {
        let starts_declaration = matches!(rest[..i].chars().last(), Some('"' | ';'));
        let end = rest[i..].find(';').map(|j| i + j + 1);
        match end {
            Some(end) if starts_declaration => {
                out.push_str(&rest[..i]);
                rest = &rest[end..];
            }
            _ => {
                out.push_str(&rest[..i + NEEDLE.len()]);
                rest = &rest[i + NEEDLE.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// MathML elements that take exactly two or three children.
const FIXED_ARITY: [&str; 8] = [
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mfrac",
    "mroot",
];

/// KaTeX writes `\max` in a subscript as two children of `<msub>`, `<mi>max</mi>` and an
/// invisible function-application `<mo>`, giving `<msub>` three children, which MathML
/// forbids. Grouping the pair in an `<mrow>` makes it valid without changing the look.
fn group_function_names(html: &str) -> String {
    const APPLY: &str = "<mo>\u{2061}</mo>";
    if !html.contains(APPLY) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 64);
    // Open elements, each with the output offsets where its children start.
    let mut stack: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            out.push_str(rest);
            break;
        };
        let tag = &rest[..=gt];
        if tag.starts_with("</") {
            stack.pop();
            out.push_str(tag);
            rest = &rest[gt + 1..];
            continue;
        }
        let name_end = tag[1..]
            .find([' ', '>', '/'])
            .map_or(tag.len() - 1, |i| i + 1);
        let name = &tag[1..name_end];
        if let Some((parent, children)) = stack.last_mut() {
            if rest.starts_with(APPLY) && FIXED_ARITY.contains(parent) && !children.is_empty() {
                let previous = *children.last().expect("checked non-empty");
                out.insert_str(previous, "<mrow>");
                out.push_str(APPLY);
                out.push_str("</mrow>");
                rest = &rest[APPLY.len()..];
                continue;
            }
            children.push(out.len());
        }
        out.push_str(tag);
        if !tag.ends_with("/>") {
            stack.push((name, Vec::new()));
        }
        rest = &rest[gt + 1..];
    }
    out
}

fn too_deep(tex: &str) -> Option<String> {
    let bytes = tex.as_bytes();
    let (mut depth, mut max, mut i) = (0usize, 0usize, 0);
    // Byte-wise is safe: `\`, `{` and `}` never occur inside a multi-byte character.
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                let command = &tex[i + 1..];
                if command.starts_with("left") || command.starts_with("begin") {
                    depth += 1;
                } else if command.starts_with("right") || command.starts_with("end") {
                    depth = depth.saturating_sub(1);
                }
                i += 1;
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
    fn negative_heights_are_dropped() {
        assert_eq!(
            drop_negative_heights(
                r#"<span style="height:-0.21em;"></span><span style="top:-2em;height:1em;max-height:-1em;">"#
            ),
            r#"<span style=""></span><span style="top:-2em;height:1em;max-height:-1em;">"#
        );
    }

    #[test]
    fn function_names_in_scripts_are_grouped() {
        let katex = "<math><semantics><mrow><msub><mi>η</mi><mi>max</mi><mo>\u{2061}</mo></msub><mi>log</mi><mo>\u{2061}</mo></mrow></semantics></math>";
        assert_eq!(
            group_function_names(katex),
            "<math><semantics><mrow><msub><mi>η</mi><mrow><mi>max</mi><mo>\u{2061}</mo></mrow></msub><mi>log</mi><mo>\u{2061}</mo></mrow></semantics></math>"
        );
    }

    #[test]
    fn nesting_limit() {
        let deep = "{".repeat(100) + &"}".repeat(100);
        assert!(too_deep(&deep).is_some());
        assert!(too_deep("\\frac{a}{b} \\left( x \\right)").is_none());
    }

    #[test]
    fn cleans_js_wrapper() {
        assert_eq!(
            clean_message(
                r#"Error("ParseError: KaTeX parse error: Undefined control sequence: \\foo at position 1: \\\u{332}f\u{332}o\u{332}o")"#
            ),
            r"KaTeX parse error: Undefined control sequence: \foo at position 1: \foo"
        );
    }
}
