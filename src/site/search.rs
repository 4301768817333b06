//! Search: the search page (`search.html`, at `LANG_ROOT/search/`) and the index of
//! every page, made by [`crate::search`]. What a page gives the index is its title,
//! description and Markdown content with each formula as its TeX source; lists, term
//! pages, the 404 page, redirects and pages with `search = false` are left out.

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use super::Site;
use super::bodies::Bodies;
use super::render::{Made, Renderer};
use crate::content::{Page, PageId, Permalink};
use crate::error::Result;
use crate::languages::Language;
use crate::markdown;
use crate::math;
use crate::origin::{Input, Maker, Origin};
use crate::render_cache::RenderCache;
use crate::search::{BUNDLE_DIR, Document, SearchError};

const TEMPLATE: &str = "search.html";

/// What the search page sees beside the frame.
#[derive(Serialize)]
struct SearchVars {
    search: SearchView,
}

#[derive(Serialize)]
struct SearchView {
    /// Where Pagefind's files are: `BASE/pagefind/`.
    bundle_url: String,
}

/// How long indexing took, for the build's summary.
#[derive(Debug, Clone, Copy)]
pub struct SearchStats {
    pub pages: usize,
    pub millis: u128,
}

/// Whether the site has search: `[search] enabled`, else whether it has its own
/// `templates/search.html`.
pub(super) fn enabled(site: &Site) -> bool {
    (site.config.search.enabled).unwrap_or_else(|| site.templates.is_own(TEMPLATE))
}

/// The search page of `lang`: `LANG_ROOT/search/`.
pub(super) fn link(lang: &Language) -> Permalink {
    lang.root.join(&["search"])
}

/// The search page of the renderer's language, linked to the other languages' ones.
pub(super) fn page(r: &Renderer, made: &mut Made) -> Result<()> {
    let config = r.config;
    let link = link(r.lang);
    let languages = &r.site.languages;
    let translations = r.translations(|l| Some(self::link(languages.get(l))));
    let title = r.document_title(r.site_view.words.get("search"));
    let frame = r.frame(title, None, link.url(config), None, translations);
    let vars = SearchVars {
        search: SearchView {
            bundle_url: Permalink::site_root(config, &format!("{BUNDLE_DIR}/")).url(config),
        },
    };
    let path = link.output_file(config);
    check_free(made, &path, "page")?;
    r.page(made, path, (TEMPLATE, None), &frame, &vars)
}

/// Search must not quietly overwrite a page, alias or static file at one of its paths.
fn check_free(made: &Made, path: &Path, what: &'static str) -> Result<()> {
    match made.files.origin(path) {
        None => Ok(()),
        Some(origin) => Err(SearchError::Taken {
            path: path.to_path_buf(),
            by: origin.to_string(),
            what,
        }
        .into()),
    }
}

/// Indexes every page that is not left out, each in its language's index, and adds
/// Pagefind's bundle to the output.
pub(super) fn index(
    site: &Site,
    memo: &RenderCache,
    bodies: &Bodies,
    made: &mut Made,
) -> Result<()> {
    let start = Instant::now();
    let content = &site.content;
    let indexed: Vec<(PageId, &Page)> = (content.page_ids())
        .zip(&content.pages)
        .filter(|(_, page)| !page.source.meta.search_hidden)
        .collect();
    let documents: Vec<Document> = (indexed.par_iter())
        .map(|(id, page)| document(site, page, &bodies.pages[id.index()]))
        .collect();
    let config = &site.config;
    for file in memo.search(&documents, &[markdown::HEADING_ANCHOR])? {
        let path = Path::new(BUNDLE_DIR).join(&file.path);
        let path = Permalink::site_root(config, &path.to_string_lossy()).output_file(config);
        check_free(made, &path, "index")?;
        let input = (file.document).map(|i| Input::markdown(&indexed[i].1.source.path));
        made.files
            .add(path, file.bytes, Origin::new(Maker::SearchIndex, input));
    }
    made.report.search = Some(SearchStats {
        pages: documents.len(),
        millis: start.elapsed().as_millis(),
    });
    Ok(())
}

fn document(site: &Site, page: &Page, md: &markdown::Rendered) -> Document {
    let config = &site.config;
    // Below the site root: Pagefind's script puts the root (where `pagefind/` is) before it.
    let url = page.permalink.url(config);
    let below_root = url.strip_prefix(config.base_url.as_str()).unwrap_or(&url);
    Document {
        url: format!("/{below_root}"),
        lang: site.languages.get(page.lang).code.clone(),
        title: page.title().to_string(),
        description: page.source.meta.description.clone(),
        content: math::fill_source(&md.html.unpack(), &md.math),
    }
}
