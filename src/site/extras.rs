//! The files around the pages: `404.html`, redirects (the bare site root of a site in
//! a language subfolder, and every alias), `sitemap.xml` and `robots.txt`.

use serde::Serialize;

use super::render::{Made, Renderer};
use crate::content::Permalink;
use crate::error::Result;
use crate::markdown;
use crate::origin::{Input, Maker, Origin};
use crate::sitemap;

#[derive(Serialize)]
struct NoVars {}

pub(super) fn render(r: &Renderer, made: &mut Made) -> Result<()> {
    not_found(r, made)?;
    redirects(r, made);
    let config = r.config;
    let sitemap_link = Permalink::site_root(config, "sitemap.xml");
    made.files.add(
        sitemap_link.output_file(config),
        sitemap::render(std::mem::take(&mut made.sitemap)),
        Origin::new(Maker::Sitemap, None),
    );
    made.files.add(
        Permalink::site_root(config, "robots.txt").output_file(config),
        sitemap::robots(&sitemap_link.url(config)),
        Origin::new(Maker::Robots, None),
    );
    Ok(())
}

fn not_found(r: &Renderer, made: &mut Made) -> Result<()> {
    let config = r.config;
    let link = Permalink::site_root(config, "404.html");
    let frame = r.frame(
        r.document_title("Page not found"),
        None,
        link.url(config),
        None,
    );
    let path = link.output_file(config);
    r.page(made, path, ("404.html", None), &frame, &NoVars {})
}

fn redirects(r: &Renderer, made: &mut Made) {
    let config = r.config;
    let lang = &config.language.code;
    if config.language.subfolder {
        let root = Permalink::site_root(config, "");
        made.files.add(
            root.output_file(config),
            redirect_html(&config.language_root(), lang),
            Origin::new(Maker::Redirect, Some(r.config_input("language.subfolder"))),
        );
    }
    for page in &r.content.pages {
        for alias in &page.source.meta.aliases {
            let from = Permalink::site_root(config, alias);
            let input = Input::markdown(&page.source.path);
            made.files.add(
                from.output_file(config),
                redirect_html(&page.permalink.url(config), lang),
                Origin::new(Maker::Redirect, Some(input)),
            );
        }
    }
}

fn redirect_html(to: &str, lang: &str) -> Vec<u8> {
    let to = markdown::escape_html(to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Redirecting</title>\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{to}\">{to}</a>.</p>\n</body>\n</html>\n"
    )
    .into_bytes()
}
