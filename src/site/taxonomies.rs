//! Taxonomies: a list page per taxonomy (`taxonomy_list.html`), and a page
//! (`taxonomy_term.html`) and a feed per term.

use serde::Serialize;

use super::feeds::{self, Subject};
use super::paginate::Pages;
use super::render::{Made, Renderer};
use crate::content::{SortBy, Taxonomy, Term};
use crate::error::Result;
use crate::origin::Input;
use crate::templates::context::{TaxonomyView, TermView};

#[derive(Serialize)]
struct TaxonomyVars<'a> {
    taxonomy: &'a TaxonomyView<'a>,
}

#[derive(Serialize)]
struct TermVars<'a> {
    taxonomy: &'a TaxonomyView<'a>,
    term: TermView<'a>,
}

/// The taxonomies of the renderer's language.
pub(super) fn render<'a>(r: &Renderer<'a>, made: &mut Made<'a>) -> Result<()> {
    for taxonomy in &r.taxonomies[r.lang.id.index()].all {
        let title = r.site_view.words.taxonomy_title(&taxonomy.name);
        let view = TaxonomyView {
            name: &taxonomy.name,
            title: &title,
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
    let translations = r.translations(|l| {
        Some(
            r.taxonomies[l.index()]
                .get(&taxonomy.name)?
                .permalink
                .clone(),
        )
    });
    let frame = r.frame(
        r.document_title(view.title),
        None,
        view.permalink.clone(),
        Some(r.site_view.feed_url.clone()),
        translations.clone(),
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
    made.list(r.lang.id, view.permalink.clone(), None, &translations);
    Ok(())
}

fn render_term<'a>(
    r: &Renderer<'a>,
    taxonomy: &TaxonomyView,
    term: &'a Term,
    made: &mut Made<'a>,
) -> Result<()> {
    let items = r.content.sorted(term.pages.clone(), SortBy::Date);
    let translations = r.translations(|l| {
        let same = r.taxonomies[l.index()]
            .get(taxonomy.name)?
            .term(&term.slug)?;
        Some(same.permalink.clone())
    });
    let title = format!("{} | {} | {}", term.name, taxonomy.title, r.lang.title);
    let feed_url = term.permalink.feed().url(r.config);
    // The first page to carry the term, in the order of the content folder.
    let first = term.pages.first().map(|&id| r.content.page(id));
    let input = first.map(|page| Input::markdown(&page.source.path));
    Pages::new(&term.permalink, &items, r.lang.paginate_by).render(
        r,
        made,
        ("taxonomy_term.html", input.clone()),
        |url| {
            let feed = Some(feed_url.clone());
            r.frame(title.clone(), None, url, feed, translations.clone())
        },
        |pages| TermVars {
            taxonomy,
            term: TermView {
                pages,
                ..term_view(r, term)
            },
        },
    )?;
    let subject = (Subject::List(&term.name), input);
    feeds::add(r, made, subject, &term.permalink, &items);
    made.list(
        r.lang.id,
        term.permalink.url(r.config),
        r.content.newest(&items),
        &translations,
    );
    Ok(())
}
