//! `folio serve`'s fast path: an edited page rendered again on its own, against the site
//! as the last whole render left it (its lists, taxonomies, neighbours), so that it can
//! be shown at once while the whole site renders again behind it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::render::{self, Basis, Renderer, Shared};
use super::{BuildOptions, RenderReport, Site, bodies, pages};
use crate::content::{self, PageId};
use crate::error::Result;
use crate::highlight::Highlighter;
use crate::output::Files;
use crate::render_cache::RenderCache;
use crate::templates::views;

/// A whole render's site, and what rendering one of its pages again needs.
pub struct Model {
    site: Site,
    basis: Basis,
    drafts: bool,
}

/// [`render_with`](super::render_with), keeping the model of the site rendered.
pub fn render_keeping(
    mut site: Site,
    options: &BuildOptions,
    memo: &RenderCache,
) -> Result<(Files, RenderReport, Model)> {
    let (files, report, basis) =
        render::render_into(&mut site, options.cache, memo, Files::default())?;
    let drafts = options.drafts;
    Ok((
        files,
        report,
        Model {
            site,
            basis,
            drafts,
        },
    ))
}

impl Model {
    /// The output files of the pages in the content files `changed` (relative to the site
    /// folder) rendered again as the files are now, against the rest of the site as it
    /// was. `None` unless each file is a page of the site that stays at its URL and
    /// renders on its own (see [`bodies::page_again`]); a page whose front matter
    /// changes what other pages show of it (title, date, terms) is shown as it now is,
    /// while they show it as it was until the whole render.
    pub fn render_pages(
        &mut self,
        changed: &[PathBuf],
        highlighter: &OnceLock<Highlighter>,
    ) -> Option<Vec<(PathBuf, Vec<u8>)>> {
        let ids: Vec<PageId> = changed
            .iter()
            .map(|rel| self.reload(rel))
            .collect::<Option<_>>()?;
        for &id in &ids {
            bodies::page_again(&self.site, id, highlighter, &mut self.basis.bodies)?;
        }
        self.render(&ids)
    }

    /// Reads the page in `rel` again into the model, if it stays where it was.
    fn reload(&mut self, rel: &Path) -> Option<PageId> {
        let site = &self.site;
        let path = site.root.join(rel);
        let content = &site.content;
        let id = content
            .page_ids()
            .find(|&id| content.page(id).source.path == path)?;
        let (config, languages) = (&site.config, &site.languages);
        let at = (site.root.as_path(), path.as_path());
        let page = content::reload_page(config, languages, at, self.drafts).ok()??;
        let old = content.page(id);
        let stays = page.permalink == old.permalink
            && page.lang == old.lang
            && page.translation_key == old.translation_key
            && page.bundle == old.bundle
            && page.source.meta.aliases == old.source.meta.aliases;
        stays.then(|| self.site.content.pages[id.index()] = page)?;
        Some(id)
    }

    /// The output files of pages `ids`, made as a whole render makes them.
    fn render(&self, ids: &[PageId]) -> Option<Vec<(PathBuf, Vec<u8>)>> {
        let (site, basis) = (&self.site, &self.basis);
        let memo = RenderCache::single_build();
        let shared = Shared::without_pages(site, &basis.series);
        let sources = views::Sources {
            config: &site.config,
            languages: &site.languages,
            content: &site.content,
            taxonomies: &basis.taxonomies,
            math: &basis.bodies.math,
        };
        let taxonomies = basis.taxonomies.as_slice();
        ids.iter()
            .map(|&id| {
                let page = site.content.page(id);
                let lang = site.languages.get(page.lang);
                let typeset = (&basis.bodies.math, basis.bodies.has_math);
                let r = Renderer::new(site, &memo, lang, (&shared, taxonomies), typeset);
                let md = &basis.bodies.pages[id.index()];
                let facts = views::facts_of(&sources, id, md);
                let html = pages::render_page(&r, id, &facts, md).ok()?;
                Some((page.permalink.output_file(&site.config), html))
            })
            .collect()
    }
}
