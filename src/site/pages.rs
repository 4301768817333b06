//! One HTML file per page, from `page.html`.

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::assets;
use super::render::{Made, Renderer};
use crate::content::PageId;
use crate::error::Result;
use crate::markdown::Rendered;
use crate::math::Medium;
use crate::origin::{Input, Maker, Origin};
use crate::output::FileContent;
use crate::templates::context::{PageFacts, PageView};

const TEMPLATE: &str = "page.html";

#[derive(Serialize)]
struct PageVars<'a> {
    page: &'a PageView<'a>,
}

/// All that a page's output depends on, for the render cache.
#[derive(Serialize)]
struct PageKey<'a, F: Serialize> {
    frame: &'a F,
    /// With an empty `content`.
    vars: PageVars<'a>,
    /// `content`: the body with a placeholder for each formula, the formulas, and what
    /// typesets them.
    body: &'a str,
    formulas: Vec<(&'a str, bool)>,
    typeset: &'a str,
}

/// Every page of the renderer's language; `markdown` is every page's, by page index.
pub(super) fn render<'a>(
    r: &Renderer<'a>,
    markdown: &[Arc<Rendered>],
    made: &mut Made<'a>,
) -> Result<()> {
    let ids: Vec<PageId> = (r.content.page_ids())
        .filter(|&id| r.content.page(id).lang == r.lang.id)
        .collect();
    // Each page goes to the output as soon as it is rendered, rather than all at the end.
    let files = &made.files;
    let rendered: Vec<Result<FileContent>> = (ids.par_iter())
        .map(|&id| {
            let path = r.content.page(id).permalink.output_file(r.config);
            files.keep(
                &path,
                render_page(r, id, &r.pages[id.index()], &markdown[id.index()])?,
            )
        })
        .collect();
    for (id, content) in ids.into_iter().zip(rendered) {
        let page = r.content.page(id);
        let input = Input::markdown(&page.source.path);
        let origin = Origin::new(Maker::Template(TEMPLATE), Some(input));
        made.files
            .insert(page.permalink.output_file(r.config), content?, origin);
        made.report.pages += 1;
        let meta = &page.source.meta;
        made.list(
            r.lang.id,
            page.permalink.url(r.config),
            meta.updated.as_ref().or(meta.date.as_ref()),
            &r.page_translations(id),
        );
    }
    Ok(())
}

/// Page `id`, whose facts are `facts` and Markdown `md`. Its body is filled with its
/// formulas only when the page is rendered: its key for the render cache is the body
/// before, with the formulas and how they are typeset.
pub(super) fn render_page(
    r: &Renderer,
    id: PageId,
    facts: &PageFacts,
    md: &Rendered,
) -> Result<Vec<u8>> {
    let frame = r.frame(
        r.document_title(facts.title),
        facts.description,
        facts.permalink.clone(),
        Some(r.site_view.feed_url.clone()),
        r.page_translations(id),
    );
    let path = r.content.page(id).permalink.output_file(r.config);
    let body = md.html.unpack();
    let key = PageKey {
        frame: &frame,
        vars: PageVars {
            page: &view(r, (id, facts, md), ""),
        },
        body: &body,
        formulas: md
            .math
            .iter()
            .map(|m| (m.tex.as_str(), m.display))
            .collect(),
        typeset: &r.math.fingerprint,
    };
    let html = r
        .memo
        .template_keyed(&r.site.templates, (&path, TEMPLATE), &key, |templates| {
            let content = r.math.fill(&body, &md.math, Medium::Page);
            let vars = PageVars {
                page: &view(r, (id, facts, md), &content),
            };
            templates.render(TEMPLATE, &frame, &vars)
        })?;
    Ok(assets::add_used_styles(html, &r.stylesheets))
}

/// Drops the Markdown of the renderer's language's pages, which are written.
pub(super) fn forget(r: &Renderer, markdown: &mut [Arc<Rendered>]) {
    let empty = Arc::new(Rendered::default());
    for (page, md) in r.content.pages.iter().zip(markdown) {
        if page.lang == r.lang.id {
            *md = empty.clone();
        }
    }
}

fn view<'b>(
    r: &'b Renderer,
    (id, facts, md): (PageId, &'b PageFacts<'b>, &'b Rendered),
    content: &'b str,
) -> PageView<'b> {
    PageView {
        facts,
        content,
        toc: &md.toc,
        series: r.series.view(id),
    }
}
