//! One HTML file per page, from `page.html`.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use super::render::{Made, Renderer};
use crate::error::Result;
use crate::math::Medium;
use crate::origin::{Input, Maker, Origin};
use crate::templates::context::PageView;

const TEMPLATE: &str = "page.html";

#[derive(Serialize)]
struct PageVars<'a> {
    page: &'a PageView<'a>,
}

pub(super) fn render<'a>(r: &Renderer<'a>, made: &mut Made<'a>) -> Result<()> {
    let config = r.config;
    let html: Vec<Result<(PathBuf, Vec<u8>)>> = r
        .content
        .pages
        .par_iter()
        .zip(r.content.page_ids().collect::<Vec<_>>())
        .map(|(page, id)| {
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
            );
            let path = page.permalink.output_file(config);
            let vars = PageVars { page: &view };
            let html = r
                .memo
                .template(&r.site.templates, &path, TEMPLATE, &frame, &vars)?;
            Ok((path, html))
        })
        .collect();
    for (result, page) in html.into_iter().zip(&r.content.pages) {
        let (path, html) = result?;
        let input = Input::markdown(&page.source.path);
        let origin = Origin::new(Maker::Template(TEMPLATE), Some(input));
        made.files.add(path, html, origin);
        made.report.pages += 1;
    }
    for page in &r.content.pages {
        let meta = &page.source.meta;
        made.sitemap.push(crate::sitemap::Entry {
            url: page.permalink.url(config),
            lastmod: meta.updated.as_ref().or(meta.date.as_ref()),
        });
    }
    Ok(())
}
