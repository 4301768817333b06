//! One HTML file per page, from `page.html`.

use rayon::prelude::*;
use serde::Serialize;

use super::assets;
use super::render::{Made, Renderer};
use crate::content::PageId;
use crate::error::Result;
use crate::math::Medium;
use crate::origin::{Input, Maker, Origin};
use crate::output::FileContent;
use crate::templates::context::PageView;

const TEMPLATE: &str = "page.html";

#[derive(Serialize)]
struct PageVars<'a> {
    page: &'a PageView<'a>,
}

/// Every page of the renderer's language.
pub(super) fn render<'a>(r: &Renderer<'a>, made: &mut Made<'a>) -> Result<()> {
    let ids: Vec<PageId> = (r.content.page_ids())
        .filter(|&id| r.content.page(id).lang == r.lang.id)
        .collect();
    // Each page goes to the output as soon as it is rendered, rather than all at the end.
    let files = &made.files;
    let rendered: Vec<Result<FileContent>> = (ids.par_iter())
        .map(|&id| {
            let path = r.content.page(id).permalink.output_file(r.config);
            files.keep(&path, render_page(r, id)?)
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

fn render_page(r: &Renderer, id: PageId) -> Result<Vec<u8>> {
    let facts = &r.pages[id.index()];
    let md = &r.markdown[id.index()];
    let content = r.math.fill(&md.html, &md.math, Medium::Page);
    let view = PageView {
        facts,
        content: &content,
        toc: &md.toc,
        series: r.series.view(id),
    };
    let frame = r.frame(
        r.document_title(facts.title),
        facts.description,
        facts.permalink.clone(),
        Some(r.site_view.feed_url.clone()),
        r.page_translations(id),
    );
    let path = r.content.page(id).permalink.output_file(r.config);
    let vars = PageVars { page: &view };
    let html = (r.memo).template(&r.site.templates, &path, TEMPLATE, &frame, &vars)?;
    Ok(assets::add_used_styles(html, &r.stylesheets))
}
