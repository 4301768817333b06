//! Files every site gets as they are: folio's stylesheet, the highlighting stylesheet,
//! KaTeX's stylesheet and fonts (only for sites with math), and the site's `static/`.

use std::path::Path;

use memchr::memmem;

use super::Site;
use crate::error::Result;
use crate::highlight;
use crate::math;
use crate::origin::Origin;
use crate::output::Files;

/// folio's stylesheet, for the built-in templates (and any site's that link it).
const FOLIO_CSS: &[u8] = include_bytes!("assets/folio.css");

/// Adds the assets; `static/` comes last, so a site's own file replaces a built-in one.
pub(super) fn add(site: &Site, has_math: bool, files: &mut Files) -> Result<()> {
    files.add("folio.css", FOLIO_CSS.to_vec(), Origin::built_in());
    let highlight = highlight::stylesheet().into_bytes();
    files.add("highlight.css", highlight, Origin::built_in());
    if has_math {
        for (name, bytes) in math::ASSETS {
            let bytes = match name {
                "katex.min.css" => math::stylesheet().into_bytes(),
                _ => bytes.to_vec(),
            };
            files.add(Path::new("katex").join(name), bytes, Origin::built_in());
        }
    }
    files.add_tree(&site.root.join("static"))
}

/// `html` with KaTeX's or the code stylesheet linked in its head when it shows a
/// formula or highlighted code but links no such stylesheet: a list whose template shows
/// summaries, or a theme that did not ask `has_math`. A formula never loses its styles,
/// and a page that shows none still loads neither.
pub(super) fn link_used_stylesheets(html: Vec<u8>, base_url: &str, site_has_math: bool) -> Vec<u8> {
    // On bytes: every page passes here, and what is inserted is ASCII before a `<`.
    let has = |needle: &str| memmem::find(&html, needle.as_bytes()).is_some();
    let mut links = String::new();
    if site_has_math && has("class=\"katex\"") && !has("katex.min.css") {
        links.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{base_url}katex/katex.min.css\">\n"
        ));
    }
    if has(highlight::BLOCK_START) && !has("highlight.css") {
        links.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{base_url}highlight.css\">\n"
        ));
    }
    let Some(head) = memmem::find(&html, b"</head>").filter(|_| !links.is_empty()) else {
        return html;
    };
    // Before the page's own stylesheets, where the templates link them, so theirs win.
    let at = memmem::find(&html[..head], b"<link rel=\"stylesheet\"").unwrap_or(head);
    [&html[..at], links.as_bytes(), &html[at..]].concat()
}
