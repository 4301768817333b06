//! Code highlighting at build time with syntect and bat's extra syntaxes (two-face):
//! HTML with CSS classes, styled by a light and a dark stylesheet.
//!
//! The regular expressions run on Oniguruma, the engine the syntaxes are written for:
//! on bat's sample files it is about 14 times faster than fancy-regex, knows seven more
//! syntaxes (PowerShell, ARM assembly, JavaScript (Babel) among them), and never
//! backtracks for ever where fancy-regex did (QML).
//!
//! Highlighting is most of what a page with code costs, so highlighted blocks are kept
//! between builds in the [`Store`] beside the formulas ([`Highlighting`]).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;
use two_face::theme::EmbeddedThemeName;

use crate::store::{Key, Store};
use crate::timings::{Phase, Timings};

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
/// Everything that changes a highlighted block besides its language and code: the
/// engines' versions (a test holds them to Cargo.lock), the class prefix, and the
/// version of [`Highlighter::highlight`]'s HTML, raised when that changes.
const CACHE_VERSION: &str = "syntect 5.3.0 two-face 0.5.2+bat-0.26.1 classes hl- html 1";

/// How a highlighted block starts, so a page can tell it has one (and needs the stylesheet).
pub const BLOCK_START: &str = "<pre class=\"highlight\"";

pub struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    pub fn new() -> Self {
        Self {
            syntaxes: two_face::syntax::extra_newlines(),
        }
    }

    /// `<pre class="highlight"><code class="language-LANG">…</code></pre>`, or `None` when
    /// the language is unknown (the caller then writes plain escaped code).
    pub fn highlight(&self, lang: &str, code: &str) -> Option<String> {
        if lang.is_empty() {
            return None;
        }
        let syntax = self
            .syntaxes
            .find_syntax_by_token(lang)
            .or_else(|| self.syntaxes.find_syntax_by_token(alias(lang)))?;
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(format!(
            "{BLOCK_START}><code class=\"language-{lang}\">{}</code></pre>\n",
            generator.finalize()
        ))
    }
}

/// The [`Highlighter`] of a build, through the store: a block highlighted by an earlier
/// build is taken from there; one highlighted now is put there for the build to save.
#[derive(Clone, Copy)]
pub struct Highlighting<'a> {
    /// Made when a block is not in the store.
    pub highlighter: &'a OnceLock<Highlighter>,
    /// None with `--no-cache`.
    pub store: Option<&'a Store>,
    pub timings: &'a Timings,
    pub counts: &'a Counts,
}

/// How many code blocks a build highlighted, and took from the store.
#[derive(Debug, Default)]
pub struct Counts {
    pub highlighted: AtomicUsize,
    pub cached: AtomicUsize,
}

impl Highlighting<'_> {
    /// [`Highlighter::highlight`], from the store when it holds the block.
    pub fn highlight(&self, lang: &str, code: &str) -> Option<String> {
        (self.timings).part(Phase::Markdown, "code highlighting", || {
            let key = Key::new(&[CACHE_VERSION.as_bytes(), lang.as_bytes(), code.as_bytes()]);
            let stored = self.store.and_then(|store| store.get(&key));
            if let Some(html) = stored.and_then(|v| String::from_utf8(v).ok()) {
                self.counts.cached.fetch_add(1, Ordering::Relaxed);
                return Some(html);
            }
            let highlighter = self.highlighter.get_or_init(Highlighter::new);
            let html = highlighter.highlight(lang, code)?;
            self.counts.highlighted.fetch_add(1, Ordering::Relaxed);
            if let Some(store) = self.store {
                store.put(key, html.clone().into_bytes());
            }
            Some(html)
        })
    }
}

fn alias(lang: &str) -> &str {
    match lang {
        "shell" | "console" | "sh" | "zsh" => "bash",
        "py" | "python3" => "python",
        "ts" => "typescript",
        "js" => "javascript",
        "yml" => "yaml",
        "c++" => "cpp",
        "golang" => "go",
        "patch" => "diff",
        other => other,
    }
}

/// The stylesheet for highlighted code: a light theme, and a dark one under
/// `prefers-color-scheme: dark`.
pub fn stylesheet() -> String {
    let themes = two_face::theme::extra();
    let light = themes.get(EmbeddedThemeName::InspiredGithub);
    let dark = themes.get(EmbeddedThemeName::OneHalfDark);
    let light_css = css_for_theme_with_class_style(light, CLASS_STYLE).unwrap_or_default();
    let dark_css = css_for_theme_with_class_style(dark, CLASS_STYLE).unwrap_or_default();
    // Each theme only in its own scheme: unscoped light rules would outrank dark ones of
    // lower specificity.
    format!(
        "@media not all and (prefers-color-scheme: dark) {{\n{light_css}\n}}\n@media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_required_languages() {
        let h = Highlighter::new();
        for lang in [
            "python",
            "rust",
            "bash",
            "shell",
            "toml",
            "yaml",
            "json",
            "javascript",
            "typescript",
            "c",
            "cpp",
            "go",
            "sql",
            "diff",
            "powershell",
        ] {
            let html = h.highlight(lang, "x = 1\n");
            assert!(
                html.is_some_and(|h| h.contains("hl-")),
                "{lang} is not highlighted"
            );
        }
        assert!(h.highlight("no-such-language", "x").is_none());
    }

    /// The cache key names the engines' versions: upgrading one must change it.
    #[test]
    fn the_cache_version_names_the_locked_engines() {
        let lock = include_str!("../Cargo.lock");
        for name in ["syntect", "two-face"] {
            let version = lock
                .split("[[package]]")
                .find_map(|p| {
                    p.contains(&format!("name = \"{name}\"\n"))
                        .then(|| p.split("version = \"").nth(1)?.split('"').next())
                        .flatten()
                })
                .unwrap();
            assert!(
                CACHE_VERSION.contains(&format!("{name} {version} ")),
                "update CACHE_VERSION to {name} {version}"
            );
        }
    }

    #[test]
    fn a_block_highlighted_once_comes_from_the_store_after() {
        let dir = tempfile::tempdir().unwrap();
        let (highlighter, timings, counts) =
            (OnceLock::new(), Timings::default(), Counts::default());
        let store = Store::open(dir.path());
        let highlighting = Highlighting {
            highlighter: &highlighter,
            store: Some(&store),
            timings: &timings,
            counts: &counts,
        };
        let first = highlighting.highlight("rust", "fn main() {}\n").unwrap();
        store.save([]);
        let store = Store::open(dir.path());
        let key = Key::new(&[CACHE_VERSION.as_bytes(), b"rust", b"fn main() {}\n"]);
        assert_eq!(store.get(&key), Some(first.into_bytes()));
    }

    /// fancy-regex backtracked for ever on this QML; the test fails rather than hangs.
    #[test]
    fn highlighting_ends() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let html = Highlighter::new().highlight("qml", "Page {\n    a: b\n    /* c */\n}\n");
            let _ = done.send(html);
        });
        let html = finished
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("highlighting QML never ended");
        assert!(html.is_some_and(|h| h.contains("hl-comment")));
    }
}
