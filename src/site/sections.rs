//! Section lists: the home page (`index.html`) and each section (`section.html`), each
//! with its feed.

use std::borrow::Cow;
use std::sync::Arc;

use serde::Serialize;

use super::feeds::{self, Subject};
use super::paginate::Pages;
use super::render::{Made, Renderer};
use crate::content::{self, PageId, SortBy};
use crate::error::Result;
use crate::markdown;
use crate::math::Medium;
use crate::templates::context::{Link, SectionView, Uses};

#[derive(Serialize)]
struct SectionVars<'a> {
    section: SectionView<'a>,
}

/// Every section of the renderer's language, the home page first.
pub(super) fn render<'a>(
    r: &Renderer<'a>,
    markdown: &[Option<Arc<markdown::Rendered>>],
    made: &mut Made<'a>,
) -> Result<()> {
    for (index, md) in markdown.iter().enumerate() {
        if r.content.sections[index].lang == r.lang.id {
            render_one(r, index, md.as_deref(), made)?;
        }
    }
    Ok(())
}

fn render_one<'a>(
    r: &Renderer<'a>,
    index: usize,
    md: Option<&markdown::Rendered>,
    made: &mut Made<'a>,
) -> Result<()> {
    let config = r.config;
    let section = &r.content.sections[index];
    let is_home = section.key.is_empty();
    let members = r.content.members(section);
    let (document_title, template) = if is_home {
        (r.lang.title.clone(), "index.html")
    } else {
        (r.document_title(&section.title), "section.html")
    };
    let translations = r.section_translations(index);
    let description = section.meta().and_then(|m| m.description.as_deref());
    let feed_url = section.permalink.feed().url(config);
    let input = r.section_input(section);
    let listed = listed(r, index, &members);
    let per_page = (section.meta().and_then(|m| m.paginate_by)).or(r.lang.paginate_by);
    Pages::new(&section.permalink, &listed, per_page).render(
        r,
        made,
        (template, Some(input.clone())),
        |url| {
            let feed = Some(feed_url.clone());
            r.frame(
                document_title.clone(),
                description,
                url,
                feed,
                translations.clone(),
            )
        },
        |pages| SectionVars {
            section: SectionView {
                pages,
                ..view(r, index, md)
            },
        },
    )?;
    let subject = if is_home {
        Subject::Home
    } else {
        Subject::List(&section.title)
    };
    let items = r.content.sorted(members, SortBy::Date);
    feeds::add(r, made, (subject, Some(input)), &section.permalink, &items);
    made.list(
        r.lang.id,
        section.permalink.url(config),
        r.content.newest(&items),
        &translations,
    );
    Ok(())
}

/// The section (number `index`) as templates see it, without its pages.
fn view<'a>(r: &Renderer<'a>, index: usize, md: Option<&markdown::Rendered>) -> SectionView<'a> {
    let config = r.config;
    let content = r.content;
    let section = &content.sections[index];
    SectionView {
        title: &section.title,
        description: section.meta().and_then(|m| m.description.as_deref()),
        permalink: section.permalink.url(config),
        content: md
            .map(|md| r.math.fill(&md.html.unpack(), &md.math, Medium::Page))
            .unwrap_or_default(),
        uses: Uses::of(md),
        feed_url: section.permalink.feed().url(config),
        pages: Vec::new(),
        subsections: content
            .sections
            .iter()
            .filter(|s| s.lang == section.lang && !s.key.is_empty() && s.key != section.key)
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

/// What section `index` lists: the home page every page by date; a section its own pages
/// (not its subsections') in its `sort_by` order. Either also lists the pages that have
/// no translation in its language, if the language says so.
fn listed(r: &Renderer, index: usize, members: &[PageId]) -> Vec<PageId> {
    let content = r.content;
    let section = &content.sections[index];
    let mut listed = members.to_vec();
    if r.lang.show_untranslated {
        listed.extend(content.untranslated_members(index));
    }
    if section.key.is_empty() {
        return content.sorted(listed, SortBy::Date);
    }
    let direct = listed
        .into_iter()
        .filter(|&id| {
            let page = content.page(id);
            if page.lang == section.lang {
                page.section == section.key
            } else {
                content.section_translated(page, section.lang) == Some(index)
            }
        })
        .collect();
    content.sorted(direct, section.sort_by())
}
