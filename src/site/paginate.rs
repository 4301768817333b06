//! Lists in pages, as Hugo makes them: page 1 at the list's own URL, page N at
//! `LIST/page/N/`, and `LIST/page/1/` a redirect to the list. A list without
//! `paginate_by` is one page, as before.

use std::num::NonZeroUsize;

use serde::Serialize;

use super::extras;
use super::render::{Made, Renderer};
use crate::content::{PageId, Permalink};
use crate::error::Result;
use crate::origin::{Input, Maker, Origin};
use crate::templates::context::{Frame, PageView, Pager, PaginatorView};

/// One page of a list.
struct Part<'p> {
    /// From 1.
    number: usize,
    link: Permalink,
    /// The pages it shows.
    ids: &'p [PageId],
}

/// A list's pages split `per_page` to a page (an empty list still has its page 1).
pub(super) struct Pages<'p> {
    list: Permalink,
    per_page: Option<NonZeroUsize>,
    total: usize,
    parts: Vec<Part<'p>>,
}

impl<'p> Pages<'p> {
    pub fn new(list: &Permalink, ids: &'p [PageId], per_page: Option<NonZeroUsize>) -> Self {
        let chunks: Vec<&[PageId]> = match per_page {
            Some(n) if !ids.is_empty() => ids.chunks(n.get()).collect(),
            _ => vec![ids],
        };
        let parts = (chunks.into_iter().enumerate())
            .map(|(i, ids)| Part {
                number: i + 1,
                link: link(list, i + 1),
                ids,
            })
            .collect();
        Pages {
            list: list.clone(),
            per_page,
            total: ids.len(),
            parts,
        }
    }

    /// `paginator` on page `part`, or none when the list is not split.
    fn view<'a>(&self, r: &Renderer<'a>, part: &Part) -> Option<PaginatorView<'a>> {
        let per_page = self.per_page?;
        let url = |n: usize| {
            self.parts
                .get(n.checked_sub(1)?)
                .map(|p| p.link.url(r.config))
        };
        let count = self.parts.len();
        Some(PaginatorView {
            pages: Self::entries(r, part),
            paginate_by: per_page.get(),
            current_index: part.number,
            number_pagers: count,
            total_pages: self.total,
            first: self.list.url(r.config),
            last: url(count).unwrap_or_default(),
            previous: url(part.number - 1),
            next: url(part.number + 1),
            pagers: (self.parts.iter())
                .map(|p| Pager {
                    number: p.number,
                    url: p.link.url(r.config),
                    current: p.number == part.number,
                })
                .collect(),
        })
    }

    /// The pages part `part` shows, as lists show them.
    fn entries<'a>(r: &Renderer<'a>, part: &Part) -> Vec<PageView<'a>> {
        part.ids
            .iter()
            .map(|id| r.pages[id.index()].entry())
            .collect()
    }

    /// What made page `part` of the list rendered by `template` from `input`.
    fn origin(template: &'static str, part: &Part, input: Option<Input>) -> Origin {
        match part.number {
            1 => Origin::new(Maker::Template(template), input),
            number => Origin::new(Maker::Pager { template, number }, input),
        }
    }

    /// Renders every page of the list with `template`, made from `input`: each page's
    /// frame from `frame` (given its URL) with `paginator` set, and its variables from
    /// `vars` (given the entries it shows).
    pub fn render<'r, 'a: 'r, V: Serialize>(
        &self,
        r: &'r Renderer<'a>,
        made: &mut Made,
        (template, input): (&'static str, Option<Input>),
        frame: impl Fn(String) -> Frame<'r>,
        vars: impl Fn(Vec<PageView<'a>>) -> V,
    ) -> Result<()> {
        for part in &self.parts {
            let mut frame = frame(part.link.url(r.config));
            // Page N is the list in this language; other languages' links go to their list.
            for t in frame.translations.iter_mut().filter(|t| t.current) {
                t.permalink = frame.current_url.clone();
            }
            frame.paginator = self.view(r, part);
            let origin = Self::origin(template, part, input.clone());
            let path = part.link.output_file(r.config);
            let vars = vars(Self::entries(r, part));
            r.page_from(made, (path, origin), template, &frame, &vars)?;
        }
        self.add_first_redirect(r, made, input);
        Ok(())
    }

    /// `LIST/page/1/`, redirecting to the list as Hugo's does, when the list is split.
    fn add_first_redirect(&self, r: &Renderer, made: &mut Made, input: Option<Input>) {
        if self.per_page.is_none() {
            return;
        }
        let from = self.list.join(&["page", "1"]);
        made.files.add(
            from.output_file(r.config),
            extras::redirect_html(&self.list.url(r.config), &r.lang.code),
            Origin::new(Maker::Redirect, input),
        );
    }
}

/// Page `number` of the list at `list`.
fn link(list: &Permalink, number: usize) -> Permalink {
    match number {
        1 => list.clone(),
        n => list.join(&["page", &n.to_string()]),
    }
}
