//! The files around the pages: each language's `404.html`, redirects (the bare site root
//! of a site whose default language is in a subfolder, and every alias), the sitemaps
//! and `robots.txt`.

use serde::Serialize;

use super::Site;
use super::render::{Made, Renderer};
use crate::content::Permalink;
use crate::error::Result;
use crate::languages::Language;
use crate::markdown;
use crate::origin::{Input, Maker, Origin};
use crate::sitemap;

#[derive(Serialize)]
struct NoVars {}

/// Where the 404 page of `lang` is: `/404.html` for the default language (the one
/// servers show), `/KEY/404.html` for the others.
fn not_found_page(site: &Site, lang: &Language) -> Permalink {
    if lang.is_default {
        Permalink::site_root(&site.config, "404.html")
    } else {
        Permalink::site_root(&site.config, &format!("{}/404.html", lang.key))
    }
}

/// The 404 page of the renderer's language. It is no document with translations: its
/// language switch goes to the other languages' home pages.
pub(super) fn not_found(r: &Renderer, made: &mut Made) -> Result<()> {
    let config = r.config;
    let link = not_found_page(r.site, r.lang);
    let frame = r.frame(
        r.document_title(r.site_view.words.get("not_found")),
        None,
        link.url(config),
        None,
        r.translations(|l| (l == r.lang.id).then(|| link.clone())),
    );
    let path = link.output_file(config);
    r.page(made, path, ("404.html", None), &frame, &NoVars {})
}

/// The files of the whole site: redirects, sitemaps, `robots.txt`.
pub(super) fn render(site: &Site, made: &mut Made) {
    redirects(site, made);
    let config = &site.config;
    let index_link = Permalink::site_root(config, "sitemap.xml");
    let sitemaps = std::mem::take(&mut made.sitemaps);
    if sitemaps.len() == 1 {
        let entries = sitemaps.into_iter().flatten().collect();
        let origin = Origin::new(Maker::Sitemap, None);
        made.files.add(
            index_link.output_file(config),
            sitemap::render(entries),
            origin,
        );
    } else {
        let mut index = Vec::new();
        for (lang, entries) in site.languages.iter().zip(sitemaps) {
            let link = Permalink::site_root(config, &format!("{}/sitemap.xml", lang.key));
            index.push(sitemap::Sitemap {
                url: link.url(config),
                lastmod: entries.iter().filter_map(|e| e.lastmod).max(),
            });
            let origin = Origin::new(Maker::Sitemap, None);
            made.files
                .add(link.output_file(config), sitemap::render(entries), origin);
        }
        let origin = Origin::new(Maker::Sitemap, None);
        made.files.add(
            index_link.output_file(config),
            sitemap::index(&index),
            origin,
        );
    }
    made.files.add(
        Permalink::site_root(config, "robots.txt").output_file(config),
        sitemap::robots(&index_link.url(config)),
        Origin::new(Maker::Robots, None),
    );
}

fn redirects(site: &Site, made: &mut Made) {
    let config = &site.config;
    let default = site.languages.default_language();
    if config.default_language_in_subfolder {
        let root = Permalink::site_root(config, "");
        let input = Input::config(&site.config_path(), "default_language_in_subfolder");
        made.files.add(
            root.output_file(config),
            redirect_html(&default.root.url(config), &default.code),
            Origin::new(Maker::Redirect, Some(input)),
        );
    }
    for page in &site.content.pages {
        let code = &site.languages.get(page.lang).code;
        for alias in &page.source.meta.aliases {
            let from = Permalink::site_root(config, alias);
            let input = Input::markdown(&page.source.path);
            made.files.add(
                from.output_file(config),
                redirect_html(&page.permalink.url(config), code),
                Origin::new(Maker::Redirect, Some(input)),
            );
        }
    }
}

/// A page that sends the reader on to `to`.
pub(super) fn redirect_html(to: &str, lang: &str) -> Vec<u8> {
    let to = markdown::escape_html(to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Redirecting</title>\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{to}\">{to}</a>.</p>\n</body>\n</html>\n"
    )
    .into_bytes()
}
