//! Files every site gets as they are: folio's stylesheet, the highlighting stylesheet,
//! KaTeX's stylesheet and fonts (only for sites with math), and the site's `static/`; the
//! stylesheets among them for templates to inline, and for pages that lack them.

use std::path::{Path, PathBuf};

use memchr::memmem;

use super::Site;
use crate::error::{Error, Result};
use crate::highlight;
use crate::math;
use crate::origin::Origin;
use crate::output::Files;
use crate::templates::stylesheets::Stylesheets;

/// folio's stylesheet, for the built-in templates (and any site's that link it).
const FOLIO_CSS: &[u8] = include_bytes!("assets/folio.css");

/// KaTeX's stylesheet and the code stylesheet, by their published paths.
const KATEX_CSS: &str = "katex/katex.min.css";
const HIGHLIGHT_CSS: &str = "highlight.css";

/// Adds the assets; `static/` comes last, so a site's own file replaces a built-in one.
/// Returns every stylesheet among them (folio's, KaTeX's, the site's own), for templates
/// to inline: taken here, as `folio build` writes each file away as it is added.
pub(super) fn add(site: &Site, has_math: bool, files: &mut Files) -> Result<Stylesheets> {
    let mut sheets = vec![
        ("folio.css".to_string(), FOLIO_CSS.to_vec()),
        (
            HIGHLIGHT_CSS.to_string(),
            highlight::stylesheet().into_bytes(),
        ),
    ];
    if has_math {
        sheets.push((KATEX_CSS.to_string(), math::stylesheet().into_bytes()));
        for (name, bytes) in math::ASSETS
            .iter()
            .filter(|(name, _)| *name != "katex.min.css")
        {
            files.add(
                Path::new("katex").join(name),
                bytes.to_vec(),
                Origin::built_in(),
            );
        }
    }
    for (path, css) in &sheets {
        files.add(path, css.clone(), Origin::built_in());
    }
    let static_dir = site.root.join("static");
    let own = files.add_tree(&static_dir)?;
    sheets.extend(own_stylesheets(&static_dir, own)?);
    Ok(Stylesheets::new(site.config.base_url.as_url(), sheets))
}

/// The `.css` files among `files` (below `dir`), by path relative to `dir` (with `/`).
fn own_stylesheets(dir: &Path, files: Vec<PathBuf>) -> Result<Vec<(String, Vec<u8>)>> {
    let css = |path: &Path| path.extension().is_some_and(|e| e == "css");
    (files.into_iter().filter(|p| css(p)))
        .map(|path| {
            let rel = path.strip_prefix(dir).unwrap_or(&path);
            let rel = rel.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            Ok((rel, bytes))
        })
        .collect()
}

/// `html` with KaTeX's or the code stylesheet inlined in its head when it shows a formula
/// or highlighted code but its head neither links nor inlines that stylesheet: a list
/// whose template shows summaries, or a theme that did not ask `has_math`. A formula
/// never loses its styles, and a page that shows none still carries neither.
pub(super) fn add_used_styles(html: Vec<u8>, sheets: &Stylesheets) -> Vec<u8> {
    // On bytes: every page passes here, and what is inserted goes before a `<`.
    let Some(head_end) = memmem::find(&html, b"</head>") else {
        return html;
    };
    let (head, body) = html.split_at(head_end);
    let in_head = |needle: &str| memmem::find(head, needle.as_bytes()).is_some();
    let shows = [
        (KATEX_CSS, memmem::find(body, b"class=\"katex\"").is_some()),
        (
            HIGHLIGHT_CSS,
            memmem::find(body, highlight::BLOCK_START.as_bytes()).is_some(),
        ),
    ];
    let mut styles = String::new();
    for (path, shown) in shows {
        let Some(css) = sheets.get(path).filter(|_| shown) else {
            continue;
        };
        let file_name = path.rsplit('/').next().unwrap_or(path);
        if !in_head(file_name) && !in_head(opening(css)) {
            styles.push_str(&format!("<style>{css}</style>\n"));
        }
    }
    if styles.is_empty() {
        return html;
    }
    // Before the page's own styles, where the templates place these, so theirs win.
    let at = [&b"<link rel=\"stylesheet\""[..], b"<style"]
        .iter()
        .filter_map(|tag| memmem::find(head, tag))
        .min()
        .unwrap_or(head_end);
    [&html[..at], styles.as_bytes(), &html[at..]].concat()
}

/// The first characters of an inlined stylesheet, enough to know it in a page's head.
fn opening(css: &str) -> &str {
    css.char_indices().nth(80).map_or(css, |(at, _)| &css[..at])
}
