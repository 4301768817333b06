//! Taxonomies: a list page per taxonomy (`taxonomy_list.html`), and a page
//! (`taxonomy_term.html`) and a feed per term.

use serde::Serialize;

use super::feeds::{self, Subject};
use super::render::{Made, Renderer};
use crate::content::{SortBy, Taxonomies, Taxonomy, Term};
use crate::error::Result;
use crate::origin::Input;
use crate::sitemap;
use crate::templates::context::{TaxonomyView, TermView};

#[derive(Serialize)]
struct TaxonomyVars<'a> {
    taxonomy: &'a TaxonomyView<'a>,
}

#[derive(Serialize)]
struct TermVars<'a> {
    taxonomy: &'a TaxonomyView<'a>,
    term: &'a TermView<'a>,
}

pub(super) fn render<'a>(
    r: &Renderer<'a>,
    taxonomies: &'a Taxonomies,
    made: &mut Made<'a>,
) -> Result<()> {
    for taxonomy in &taxonomies.all {
        let view = TaxonomyView {
            name: &taxonomy.name,
            title: &taxonomy.title,
            permalink: taxonomy.permalink.url(r.config),
            terms: taxonomy.terms.iter().map(|t| term_view(r, t)).collect(),
        };
        render_list(r, taxonomy, &view, made)?;
        for term in &taxonomy.terms {
            render_term(r, &view, term, made)?;
        }
    }
    Ok(())
}

/// A term as `taxonomy.terms` shows it, without its pages.
fn term_view<'a>(r: &Renderer, term: &'a Term) -> TermView<'a> {
    TermView {
        name: &term.name,
        slug: &term.slug,
        permalink: term.permalink.url(r.config),
        feed_url: term.permalink.feed().url(r.config),
        count: term.pages.len(),
        pages: Vec::new(),
    }
}

fn render_list<'a>(
    r: &Renderer<'a>,
    taxonomy: &Taxonomy,
    view: &TaxonomyView,
    made: &mut Made<'a>,
) -> Result<()> {
    let frame = r.frame(
        r.document_title(&taxonomy.title),
        None,
        view.permalink.clone(),
        Some(r.site_view.feed_url.clone()),
    );
    let path = taxonomy.permalink.output_file(r.config);
    let vars = TaxonomyVars { taxonomy: view };
    let input = r.config_input("taxonomies");
    r.page(
        made,
        path,
        ("taxonomy_list.html", Some(input)),
        &frame,
        &vars,
    )?;
    made.sitemap.push(sitemap::Entry {
        url: view.permalink.clone(),
        lastmod: None,
    });
    Ok(())
}

fn render_term<'a>(
    r: &Renderer<'a>,
    taxonomy: &TaxonomyView,
    term: &'a Term,
    made: &mut Made<'a>,
) -> Result<()> {
    let items = r.content.sorted(term.pages.clone(), SortBy::Date);
    let view = TermView {
        pages: items.iter().map(|id| r.pages[id.index()].entry()).collect(),
        ..term_view(r, term)
    };
    let frame = r.frame(
        format!("{} | {} | {}", term.name, taxonomy.title, r.config.title),
        None,
        view.permalink.clone(),
        Some(view.feed_url.clone()),
    );
    let vars = TermVars {
        taxonomy,
        term: &view,
    };
    let path = term.permalink.output_file(r.config);
    // The first page to carry the term, in the order of the content folder.
    let first = term.pages.first().map(|&id| r.content.page(id));
    let input = first.map(|page| Input::markdown(&page.source.path));
    r.page(
        made,
        path,
        ("taxonomy_term.html", input.clone()),
        &frame,
        &vars,
    )?;
    let subject = (Subject::List(&term.name), input);
    feeds::add(r, made, subject, &term.permalink, &items);
    made.sitemap.push(sitemap::Entry {
        url: view.permalink,
        lastmod: r.content.newest(&items),
    });
    Ok(())
}
