//! Taxonomies: a list page per taxonomy (`taxonomy_list.html`), and a page
//! (`taxonomy_term.html`) and a feed per term.

use serde::Serialize;

use super::feeds::{self, Subject};
use super::render::{Made, Renderer};
use crate::content::{self, Permalink, SortBy, Taxonomies};
use crate::error::Result;
use crate::sitemap;
use crate::templates::context::{TaxonomyView, TermView};

#[derive(Serialize)]
struct TaxonomyVars<'a> {
    taxonomy: &'a TaxonomyView,
}

#[derive(Serialize)]
struct TermVars<'a> {
    taxonomy: &'a TaxonomyView,
    term: &'a TermView,
}

pub(super) fn render<'a>(
    r: &Renderer<'a>,
    taxonomies: &Taxonomies,
    made: &mut Made<'a>,
) -> Result<()> {
    for (name, terms) in &taxonomies.0 {
        let config = r.config;
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
        let frame = r.frame(
            r.document_title(&title),
            None,
            taxonomy.permalink.clone(),
            Some(r.site_view.feed_url.clone()),
        );
        let path = list_link.output_file(config);
        let vars = TaxonomyVars {
            taxonomy: &taxonomy,
        };
        let html = r.memo.template(
            &r.site.templates,
            &path,
            "taxonomy_list.html",
            &frame,
            &vars,
        )?;
        made.files.add(&path, html);
        made.report.pages += 1;
        made.sitemap.push(sitemap::Entry {
            url: taxonomy.permalink.clone(),
            lastmod: None,
        });

        for ((slug, (term, members)), term_view) in terms.iter().zip(&taxonomy.terms) {
            let link = term_link(slug);
            let items = r.content.sorted(members.clone(), SortBy::Date);
            let view = TermView {
                pages: items.iter().map(|&i| r.pages[i].entry()).collect(),
                ..term_view.clone()
            };
            let frame = r.frame(
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
            let html = r.memo.template(
                &r.site.templates,
                &path,
                "taxonomy_term.html",
                &frame,
                &vars,
            )?;
            made.files.add(&path, html);
            made.report.pages += 1;
            feeds::add(r, made, Subject::List(term), &link, &items);
            made.sitemap.push(sitemap::Entry {
                url: view.permalink.clone(),
                lastmod: r.content.newest(&items),
            });
        }
    }
    Ok(())
}
