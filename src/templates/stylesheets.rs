//! `inline_css(path="css/site.css")` in templates: the text of a stylesheet the site
//! publishes, for a `<style>` in the page's head, so that no stylesheet request holds up
//! the first paint. Its relative `url(…)`s are resolved against the file's own URL, as a
//! browser resolves them in the linked file, so fonts and images load from where they are
//! published (KaTeX's `url(fonts/…)` becomes `BASE/katex/fonts/…`).

use std::collections::BTreeMap;
use std::sync::{Arc, PoisonError, RwLock};

use tera::{Function, Kwargs, State, TeraResult};
use url::Url;

/// Every stylesheet of the output, by its path below the output root, as it is inlined.
#[derive(Debug, Default)]
pub struct Stylesheets(BTreeMap<String, Option<String>>);

impl Stylesheets {
    /// `sheets`: each published `.css` file's path (with `/`) and bytes; a file that is
    /// not UTF-8 is published as it is but cannot be inlined.
    pub fn new(base_url: &Url, sheets: impl IntoIterator<Item = (String, Vec<u8>)>) -> Self {
        let inlinable = |path: &str, bytes: Vec<u8>| {
            let css = String::from_utf8(bytes).ok()?;
            let own_url = base_url.join(path).ok()?;
            Some(inlinable(&css, &own_url))
        };
        Self(
            sheets
                .into_iter()
                .map(|(path, bytes)| {
                    let css = inlinable(&path, bytes);
                    (path, css)
                })
                .collect(),
        )
    }

    /// The stylesheet published at `path` (`css/site.css`, or `/css/site.css`), as inlined.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.0.get(path.trim_start_matches('/'))?.as_deref()
    }

    /// Every stylesheet's path and inlined text, for hashing what templates may show.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        (self.0.iter()).map(|(path, css)| (path.as_str(), css.as_deref().unwrap_or_default()))
    }

    /// What `inline_css` says when `path` cannot be inlined.
    fn refusal(&self, path: &str) -> String {
        if self.0.contains_key(path.trim_start_matches('/')) {
            return format!(
                "inline_css: `{path}` is not UTF-8, so it cannot be inlined: save it as UTF-8, or link it with <link rel=\"stylesheet\">"
            );
        }
        let published: Vec<&str> = self.0.keys().map(String::as_str).collect();
        format!(
            "inline_css: `{path}` is no stylesheet of this site: give the path of a .css file of the output, relative to its root (static/css/site.css is published as css/site.css); this site publishes {}",
            published.join(", ")
        )
    }
}

/// The Tera function, reading the stylesheets of the build being rendered.
pub struct InlineCss(pub Arc<RwLock<Arc<Stylesheets>>>);

impl Function<TeraResult<String>> for InlineCss {
    fn call(&self, kwargs: Kwargs, _: &State) -> TeraResult<String> {
        let path: &str = kwargs.must_get("path")?;
        let sheets = self.0.read().unwrap_or_else(PoisonError::into_inner);
        match sheets.get(path) {
            Some(css) => Ok(css.to_string()),
            None => Err(tera::Error::message(sheets.refusal(path))),
        }
    }

    /// CSS, not text: escaping it as HTML would break `>` selectors and quoted strings.
    fn is_safe(&self) -> bool {
        true
    }
}

/// `css` with every relative `url(…)` resolved against `own_url`, and every `</style`
/// written `<\/style` (the same in CSS) so the text cannot end the element it is in.
fn inlinable(css: &str, own_url: &Url) -> String {
    // ASCII lowercasing keeps every byte offset, and CSS function names ignore case.
    let lower = css.to_ascii_lowercase();
    let mut out = String::with_capacity(css.len() + 256);
    let mut done = 0;
    for at in lower.match_indices("url(").map(|(i, _)| i + 4) {
        let follows_name = lower[..at - 4]
            .bytes()
            .next_back()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if at < done || follows_name {
            continue;
        }
        let Some(len) = argument_len(&css[at..]) else {
            continue;
        };
        out.push_str(&css[done..at]);
        out.push_str(&resolved(&css[at..at + len], own_url));
        done = at + len;
    }
    out.push_str(&css[done..]);
    close_tags_escaped(out)
}

/// The length of a `url(` function's argument, up to its `)`; quotes may hold a `)`.
fn argument_len(rest: &str) -> Option<usize> {
    let start = rest.len() - rest.trim_start().len();
    let after_string = match rest[start..].chars().next() {
        Some(quote @ ('"' | '\'')) => start + 1 + rest[start + 1..].find(quote)? + 1,
        _ => start,
    };
    Some(after_string + rest[after_string..].find(')')?)
}

/// A `url(…)` argument, resolved when it is a relative reference; else as written
/// (`data:`, `https://…`, `#id`).
fn resolved(argument: &str, own_url: &Url) -> String {
    let trimmed = argument.trim();
    let quote = trimmed
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))
        .map(String::from)
        .unwrap_or_default();
    let reference = trimmed.trim_matches(|c| c == '"' || c == '\'');
    let relative = matches!(
        Url::parse(reference),
        Err(url::ParseError::RelativeUrlWithoutBase)
    );
    match own_url.join(reference) {
        Ok(url) if relative && !reference.starts_with('#') => {
            let lead = argument.len() - argument.trim_start().len();
            let trail = &argument[lead + trimmed.len()..];
            format!("{}{quote}{url}{quote}{trail}", &argument[..lead])
        }
        _ => argument.to_string(),
    }
}

fn close_tags_escaped(css: String) -> String {
    let lower = css.to_ascii_lowercase();
    if !lower.contains("</style") {
        return css;
    }
    let mut out = String::with_capacity(css.len() + 8);
    let mut done = 0;
    for (at, _) in lower.match_indices("</style") {
        out.push_str(&css[done..at + 1]);
        out.push('\\');
        done = at + 1;
    }
    out.push_str(&css[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheets(path: &str, css: &str) -> Stylesheets {
        let base = Url::parse("https://example.com/blog/").unwrap();
        Stylesheets::new(&base, [(path.to_string(), css.as_bytes().to_vec())])
    }

    #[test]
    fn relative_urls_become_absolute_under_the_sheet() {
        let css = r#"@font-face{src:url(fonts/A.woff2) format("woff2"),URL( "../b c.woff" )}"#;
        let got = sheets("katex/katex.min.css", css);
        assert_eq!(
            got.get("/katex/katex.min.css").unwrap(),
            r#"@font-face{src:url(https://example.com/blog/katex/fonts/A.woff2) format("woff2"),URL( "https://example.com/blog/b%20c.woff" )}"#
        );
    }

    #[test]
    fn absolute_data_and_fragment_urls_stay_as_written() {
        let css = "a{background:url('data:image/svg+xml,%3Csvg%3E(x)')}b{x:url(https://cdn.test/x.png)}c{filter:url(#f)}d{x:myurl(y)}";
        assert_eq!(sheets("s.css", css).get("s.css").unwrap(), css);
    }

    #[test]
    fn a_closing_style_tag_cannot_end_the_element() {
        let got = sheets("s.css", r#"a::after{content:"</STYLE><b>"}"#);
        assert_eq!(
            got.get("s.css").unwrap(),
            r#"a::after{content:"<\/STYLE><b>"}"#
        );
    }

    #[test]
    fn a_missing_or_binary_sheet_is_refused_with_what_there_is() {
        let base = Url::parse("https://example.com/").unwrap();
        let got = Stylesheets::new(
            &base,
            [
                ("a.css".into(), b"a{}".to_vec()),
                ("b.css".into(), vec![0xff]),
            ],
        );
        assert!(
            got.refusal("c.css")
                .contains("this site publishes a.css, b.css")
        );
        assert!(got.get("b.css").is_none());
        assert!(got.refusal("b.css").contains("not UTF-8"));
    }
}
