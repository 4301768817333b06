//! One HTML file per page, from `page.html`.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use super::render::{Made, Renderer};
use crate::error::Result;
use crate::templates::context::PageView;

#[derive(Serialize)]
struct PageVars<'a> {
    page: &'a PageView,
}

/// Every page of the renderer's language.
pub(super) fn render<'a>(r: &Renderer<'a>, made: &mut Made<'a>) -> Result<()> {
    let config = r.config;
    let pages: Vec<usize> = (0..r.content.pages.len())
        .filter(|&i| r.content.pages[i].lang == r.lang.id)
        .collect();
    let html: Vec<Result<(PathBuf, Vec<u8>)>> = pages
        .par_iter()
        .map(|&i| {
            let (page, view) = (&r.content.pages[i], &r.pages[i]);
            let frame = r.frame(
                r.document_title(&view.title),
                view.description.clone(),
                view.permalink.clone(),
                Some(r.site_view.feed_url.clone()),
                r.page_translations(i),
            );
            let path = page.permalink.output_file(config);
            let vars = PageVars { page: view };
            let html = r
                .memo
                .template(&r.site.templates, &path, "page.html", &frame, &vars)?;
            Ok((path, html))
        })
        .collect();
    for result in html {
        let (path, html) = result?;
        made.files.add(path, html);
        made.report.pages += 1;
    }
    for i in pages {
        let meta = &r.content.pages[i].source.meta;
        made.list(
            r.lang.id,
            r.pages[i].permalink.clone(),
            meta.updated.as_ref().or(meta.date.as_ref()),
            &r.page_translations(i),
        );
    }
    Ok(())
}
