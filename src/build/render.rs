//! Rendering a loaded site into memory: Markdown, math, pages, lists, feeds, the
//! sitemap and the files around them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::{Report, Site};
use crate::content::{self, Permalink, SortBy, Taxonomies};
use crate::error::Result;
use crate::feed;
use crate::highlight;
use crate::markdown::{self, MarkdownOptions};
use crate::math::{self, MathRenderer, Output};
use crate::output::Files;
use crate::render_cache::RenderCache;
use crate::sitemap;
use crate::templates::context::{
    Link, PageView, SectionView, SiteView, TaxonomyView, TermView, Views,
};

/// Renders every output file of the site into memory.
pub fn render(site: &Site, use_cache: bool) -> Result<(Files, Report)> {
    render_with(site, use_cache, &RenderCache::single_build())
}

/// [`render`], reusing from `memo` every page's Markdown and every output file whose
/// inputs are unchanged since an earlier render (`folio serve` keeps one across rebuilds).
pub fn render_with(site: &Site, use_cache: bool, memo: &RenderCache) -> Result<(Files, Report)> {
    memo.set_templates(&site.templates);
    let config = &site.config;
    let content = &site.content;
    let pages = &content.pages;

    let md_options = MarkdownOptions {
        math: &config.math,
        bibliography: false,
        summary_length: config.summary_length,
        highlighter: config.highlight.enabled.then(|| memo.highlighter()),
    };
    let page_md: Vec<Arc<markdown::Rendered>> = pages
        .par_iter()
        .map(|p| memo.markdown(&p.source, &md_options))
        .collect();
    let section_md: Vec<Option<Arc<markdown::Rendered>>> = content
        .sections
        .par_iter()
        .map(|s| s.source.as_ref().map(|src| memo.markdown(src, &md_options)))
        .collect();

    let mut needed = Vec::new();
    for r in page_md.iter().chain(section_md.iter().flatten()) {
        needed.extend(r.math.iter().map(|span| (span, Output::Page)));
    }
    for r in &page_md {
        needed.extend(
            math::indices(&r.summary)
                .filter_map(|i| r.math.get(i))
                .map(|s| (s, Output::Feed)),
        );
    }
    let has_math = !needed.is_empty();
    let cache_dir = use_cache.then(|| site.cache_dir());
    let (rendered_math, mut warnings) =
        MathRenderer::new(&config.math, cache_dir).render(needed)?;
    let markdown_warnings = page_md.iter().chain(section_md.iter().flatten());
    warnings.extend(markdown_warnings.flat_map(|r| r.warnings.iter().map(ToString::to_string)));

    let taxonomies = Taxonomies::collect(config, content);
    let views = Views::new(config, content, &rendered_math, &taxonomies);
    let home_feed = Permalink::new(config, &[""]).feed().url(config);
    let site_view = SiteView::new(config, home_feed, has_math, views.taxonomy_links());
    let page_views: Vec<PageView> = page_md
        .par_iter()
        .enumerate()
        .map(|(i, md)| views.page(i, md))
        .collect();
    let feed_summaries: Vec<String> = page_md
        .par_iter()
        .zip(pages)
        .map(|(md, page)| {
            let summary = rendered_math.fill(&md.summary, &md.math, Output::Feed);
            markdown::absolutize(&summary, &page.permalink.url(config))
        })
        .collect();
    let feed = |title: String, description: String, list: &Permalink, items: &[usize]| {
        let channel = feed::Channel {
            title,
            link: list.url(config),
            description,
            language: &config.language.code,
            self_url: list.feed().url(config),
            items: items
                .iter()
                .map(|&i| feed::Item {
                    title: pages[i].title(),
                    link: pages[i].permalink.url(config),
                    date: pages[i].source.meta.date.as_ref(),
                    description: &feed_summaries[i],
                })
                .collect(),
        };
        let path = list.feed().output_file(config);
        let bytes = memo.feed(&path, &channel);
        (path, bytes)
    };

    let mut files = Files::default();
    let mut report = Report {
        math: rendered_math.stats,
        warnings,
        ..Report::default()
    };
    files.add(
        "folio.css",
        include_bytes!("../templates/defaults/folio.css").to_vec(),
    );
    files.add("highlight.css", highlight::stylesheet().into_bytes());
    if has_math {
        for (name, bytes) in math::ASSETS {
            files.add(Path::new("katex").join(name), bytes.to_vec());
        }
    }
    files.add_tree(&site.root.join("static"))?;

    let templates = &site.templates;
    let page_html: Vec<Result<(PathBuf, Vec<u8>)>> = pages
        .par_iter()
        .zip(&page_views)
        .map(|(page, view)| {
            let frame = site_view.frame(
                format!("{} | {}", view.title, config.title),
                view.description.clone(),
                view.permalink.clone(),
                Some(site_view.feed_url.clone()),
            );
            let path = page.permalink.output_file(config);
            let vars = PageVars { page: view };
            let html = memo.template(templates, &path, "page.html", &frame, &vars)?;
            Ok((path, html))
        })
        .collect();
    for result in page_html {
        let (path, html) = result?;
        files.add(path, html);
        report.pages += 1;
    }

    let newest = |items: &[usize]| {
        items
            .first()
            .and_then(|&i| pages[i].source.meta.date.as_ref())
    };
    let mut sitemap_entries: Vec<sitemap::Entry> = pages
        .iter()
        .map(|p| sitemap::Entry {
            url: p.permalink.url(config),
            lastmod: p
                .source
                .meta
                .updated
                .as_ref()
                .or(p.source.meta.date.as_ref()),
        })
        .collect();

    // Sections, the home page first; each with its feed.
    for (section, md) in content.sections.iter().zip(&section_md) {
        let is_home = section.key.is_empty();
        let members = content.members(&section.key);
        let listed = if is_home {
            content.sorted(members.clone(), SortBy::Date)
        } else {
            let direct = members
                .iter()
                .copied()
                .filter(|&i| pages[i].section == section.key)
                .collect();
            content.sorted(direct, section.sort_by())
        };
        let feed_url = section.permalink.feed().url(config);
        let view = SectionView {
            title: section.title.clone(),
            description: section.meta().and_then(|m| m.description.clone()),
            permalink: section.permalink.url(config),
            content: md
                .as_ref()
                .map(|md| rendered_math.fill(&md.html, &md.math, Output::Page))
                .unwrap_or_default(),
            feed_url: feed_url.clone(),
            pages: listed.iter().map(|&i| page_views[i].entry()).collect(),
            subsections: content
                .sections
                .iter()
                .filter(|s| !s.key.is_empty() && s.key != section.key)
                .filter(|s| content::parent_key(&s.key) == section.key)
                .map(|s| Link {
                    title: s.title.clone(),
                    permalink: s.permalink.url(config),
                })
                .collect(),
            extra: section.meta().map(|m| m.extra.clone()).unwrap_or_default(),
        };
        let (document_title, template) = if is_home {
            (config.title.clone(), "index.html")
        } else {
            (
                format!("{} | {}", section.title, config.title),
                "section.html",
            )
        };
        let frame = site_view.frame(
            document_title,
            view.description.clone(),
            view.permalink.clone(),
            Some(feed_url),
        );
        let path = section.permalink.output_file(config);
        let vars = SectionVars { section: &view };
        files.add(
            &path,
            memo.template(templates, &path, template, &frame, &vars)?,
        );
        report.pages += 1;

        let (title, description) = if is_home {
            (
                config.title.clone(),
                format!("Recent content on {}", config.title),
            )
        } else {
            (
                format!("{} on {}", section.title, config.title),
                format!("Recent content in {} on {}", section.title, config.title),
            )
        };
        let items = content.sorted(members, SortBy::Date);
        let (path, bytes) = feed(title, description, &section.permalink, &items);
        files.add(path, bytes);
        report.feeds += 1;
        sitemap_entries.push(sitemap::Entry {
            url: view.permalink.clone(),
            lastmod: newest(&items),
        });
    }

    // Taxonomies: a list page each, and a page and a feed per term.
    for (name, terms) in &taxonomies.0 {
        let title = content::title_from_folder(name);
        let list_link = Permalink::new(config, &[name.as_str()]);
        let term_link = |slug: &str| Permalink::new(config, &[name.as_str(), slug]);
        let taxonomy = TaxonomyView {
            name: name.clone(),
            title: title.clone(),
            permalink: list_link.url(config),
            terms: terms
                .iter()
                .map(|(slug, (term, members))| TermView {
                    name: term.clone(),
                    slug: slug.clone(),
                    permalink: term_link(slug).url(config),
                    feed_url: term_link(slug).feed().url(config),
                    count: members.len(),
                    pages: Vec::new(),
                })
                .collect(),
        };
        let frame = site_view.frame(
            format!("{} | {}", title, config.title),
            None,
            taxonomy.permalink.clone(),
            Some(site_view.feed_url.clone()),
        );
        let path = list_link.output_file(config);
        let vars = TaxonomyVars {
            taxonomy: &taxonomy,
        };
        files.add(
            &path,
            memo.template(templates, &path, "taxonomy_list.html", &frame, &vars)?,
        );
        report.pages += 1;
        sitemap_entries.push(sitemap::Entry {
            url: taxonomy.permalink.clone(),
            lastmod: None,
        });

        for ((slug, (term, members)), term_view) in terms.iter().zip(&taxonomy.terms) {
            let link = term_link(slug);
            let items = content.sorted(members.clone(), SortBy::Date);
            let view = TermView {
                pages: items.iter().map(|&i| page_views[i].entry()).collect(),
                ..term_view.clone()
            };
            let frame = site_view.frame(
                format!("{} | {} | {}", term, title, config.title),
                None,
                view.permalink.clone(),
                Some(view.feed_url.clone()),
            );
            let vars = TermVars {
                taxonomy: &taxonomy,
                term: &view,
            };
            let path = link.output_file(config);
            files.add(
                &path,
                memo.template(templates, &path, "taxonomy_term.html", &frame, &vars)?,
            );
            report.pages += 1;
            let (path, bytes) = feed(
                format!("{term} on {}", config.title),
                format!("Recent content in {term} on {}", config.title),
                &link,
                &items,
            );
            files.add(path, bytes);
            report.feeds += 1;
            sitemap_entries.push(sitemap::Entry {
                url: view.permalink.clone(),
                lastmod: newest(&items),
            });
        }
    }

    // 404, redirects (the bare site root and aliases), sitemap, robots.txt.
    let not_found = Permalink::site_root(config, "404.html");
    let frame = site_view.frame(
        format!("Page not found | {}", config.title),
        None,
        not_found.url(config),
        None,
    );
    let path = not_found.output_file(config);
    files.add(
        &path,
        memo.template(templates, &path, "404.html", &frame, &NoVars {})?,
    );
    report.pages += 1;
    if config.language.subfolder {
        let root = Permalink::site_root(config, "");
        files.add(
            root.output_file(config),
            redirect_html(&config.language_root(), &config.language.code),
        );
    }
    for page in pages {
        for alias in &page.source.meta.aliases {
            let from = Permalink::site_root(config, alias);
            files.add(
                from.output_file(config),
                redirect_html(&page.permalink.url(config), &config.language.code),
            );
        }
    }
    let sitemap_link = Permalink::site_root(config, "sitemap.xml");
    files.add(
        sitemap_link.output_file(config),
        sitemap::render(sitemap_entries),
    );
    files.add(
        Permalink::site_root(config, "robots.txt").output_file(config),
        sitemap::robots(&sitemap_link.url(config)),
    );
    report.files = files.len() + 1; // and the output marker
    Ok((files, report))
}

#[derive(Serialize)]
struct PageVars<'a> {
    page: &'a PageView,
}

#[derive(Serialize)]
struct SectionVars<'a> {
    section: &'a SectionView,
}

#[derive(Serialize)]
struct TaxonomyVars<'a> {
    taxonomy: &'a TaxonomyView,
}

#[derive(Serialize)]
struct TermVars<'a> {
    taxonomy: &'a TaxonomyView,
    term: &'a TermView,
}

#[derive(Serialize)]
struct NoVars {}

fn redirect_html(to: &str, lang: &str) -> Vec<u8> {
    let to = markdown::escape_html(to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Redirecting</title>\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{to}\">{to}</a>.</p>\n</body>\n</html>\n"
    )
    .into_bytes()
}
