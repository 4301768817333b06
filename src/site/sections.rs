//! Section lists: the home page (`index.html`) and each section (`section.html`), each
//! with its feed.

use std::borrow::Cow;
use std::sync::Arc;

use serde::Serialize;

use super::feeds::{self, Subject};
use super::render::{Made, Renderer};
use crate::content::{self, PageId, Section, SortBy};
use crate::error::Result;
use crate::markdown;
use crate::math::Medium;
use crate::sitemap;
use crate::templates::context::{Link, SectionView};

#[derive(Serialize)]
struct SectionVars<'a> {
    section: &'a SectionView<'a>,
}

/// Every section, the home page first.
pub(super) fn render<'a>(
    r: &Renderer<'a>,
    markdown: &[Option<Arc<markdown::Rendered>>],
    made: &mut Made<'a>,
) -> Result<()> {
    for (section, md) in r.content.sections.iter().zip(markdown) {
        render_one(r, section, md.as_deref(), made)?;
    }
    Ok(())
}

fn render_one<'a>(
    r: &Renderer<'a>,
    section: &'a Section,
    md: Option<&markdown::Rendered>,
    made: &mut Made<'a>,
) -> Result<()> {
    let config = r.config;
    let is_home = section.key.is_empty();
    let members = r.content.members(&section.key);
    let view = view(r, section, md, &members);
    let (document_title, template) = if is_home {
        (config.title.clone(), "index.html")
    } else {
        (r.document_title(&section.title), "section.html")
    };
    let frame = r.frame(
        document_title,
        view.description,
        view.permalink.clone(),
        Some(view.feed_url.clone()),
    );
    let path = section.permalink.output_file(config);
    let vars = SectionVars { section: &view };
    let input = r.section_input(section);
    r.page(made, path, (template, Some(input.clone())), &frame, &vars)?;

    let subject = if is_home {
        Subject::Home
    } else {
        Subject::List(&section.title)
    };
    let items = r.content.sorted(members, SortBy::Date);
    feeds::add(r, made, (subject, Some(input)), &section.permalink, &items);
    made.sitemap.push(sitemap::Entry {
        url: view.permalink,
        lastmod: r.content.newest(&items),
    });
    Ok(())
}

/// The section as templates see it. The home page lists every page by date; a section
/// lists its own pages (not its subsections') in its `sort_by` order.
fn view<'a>(
    r: &'a Renderer,
    section: &'a Section,
    md: Option<&markdown::Rendered>,
    members: &[PageId],
) -> SectionView<'a> {
    let config = r.config;
    let content = r.content;
    let listed = if section.key.is_empty() {
        content.sorted(members.to_vec(), SortBy::Date)
    } else {
        let direct = members
            .iter()
            .copied()
            .filter(|&id| content.page(id).section == section.key)
            .collect();
        content.sorted(direct, section.sort_by())
    };
    SectionView {
        title: &section.title,
        description: section.meta().and_then(|m| m.description.as_deref()),
        permalink: section.permalink.url(config),
        content: md
            .map(|md| r.math.fill(&md.html, &md.math, Medium::Page))
            .unwrap_or_default(),
        feed_url: section.permalink.feed().url(config),
        pages: listed
            .iter()
            .map(|id| r.pages[id.index()].entry())
            .collect(),
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
        extra: section
            .meta()
            .map_or_else(Cow::default, |m| Cow::Borrowed(&m.extra)),
    }
}
