//! `page.series`: a series is gathered once, and each part's view points into it, so a
//! series of n parts costs n views, not n lists of n parts.

use serde::{Serialize, Serializer};

use std::collections::BTreeMap;

use super::context::Link;
use crate::config::Config;
use crate::content::{self, Content, PageId, Series, slugs};
use crate::languages::{Language, Languages};

/// A series as its parts show it.
#[derive(Debug)]
pub struct SeriesLinks {
    pub name: String,
    /// The series page.
    pub link: Link,
    pub parts: Vec<Part>,
    /// How many parts the whole series has, in any language: its highest part number,
    /// or its number of parts if that is more.
    pub total: usize,
}

/// A part of a series and its number, which is its `series_order` (so a language with
/// only some parts translated still numbers them as the whole series does), or its
/// position for a part without one.
#[derive(Debug)]
pub struct Part {
    pub link: Link,
    pub number: usize,
}

/// Every series of the site, and where each page is in one.
#[derive(Debug, Default)]
pub struct SeriesIndex {
    series: Vec<SeriesLinks>,
    /// By page index: the series (an index into `series`) and 0-based position.
    places: Vec<Option<(usize, usize)>>,
}

impl SeriesIndex {
    pub fn new(config: &Config, languages: &Languages, content: &Content) -> Self {
        let mut index = SeriesIndex {
            series: Vec::new(),
            places: vec![None; content.pages.len()],
        };
        for series in content::series(content) {
            for (pos, id) in series.parts.iter().enumerate() {
                index.places[id.index()] = Some((index.series.len(), pos));
            }
            let parts: Vec<Part> = (series.parts.iter().enumerate())
                .map(|(pos, &id)| part(config, content, id, pos))
                .collect();
            let highest = parts.iter().map(|p| p.number).max().unwrap_or_default();
            index.series.push(SeriesLinks {
                link: series_link(config, languages.get(series.lang), content, &series.name),
                total: highest.max(parts.len()),
                parts,
                name: series.name,
            });
        }
        share_totals(&mut index.series);
        index
    }

    /// The series view of page `id`, if it is part of one.
    pub fn view(&self, id: PageId) -> Option<SeriesView<'_>> {
        let (which, pos) = self.places[id.index()]?;
        let series = &self.series[which];
        Some(SeriesView {
            name: &series.name,
            title: &series.link.title,
            permalink: &series.link.permalink,
            part: series.parts[pos].number,
            total: series.total,
            prev: pos.checked_sub(1).map(|p| &series.parts[p].link),
            next: Some(series.parts.get(pos + 1).map_or(&series.link, |p| &p.link)),
            parts: SeriesParts {
                parts: &series.parts,
                current: pos,
            },
        })
    }
}

/// The series page: the section of the same name in the series' language, else the
/// series term page.
fn series_link(config: &Config, lang: &Language, content: &Content, name: &str) -> Link {
    let slug = slugs::from_name(config.slugs, name);
    let page = content.sections.iter().find(|s| {
        let folder = s.key.rsplit('/').next().unwrap_or_default();
        s.lang == lang.id && !s.key.is_empty() && slugs::from_name(config.slugs, folder) == slug
    });
    match page {
        Some(s) => Link {
            title: s.title.clone(),
            permalink: s.permalink.url(config),
        },
        None => Link {
            title: name.to_string(),
            permalink: lang.root.join(&["series", slug.as_str()]).url(config),
        },
    }
}

/// A series of the same name in several languages is one series, translated: each
/// language's version gets the length of the longest.
fn share_totals(series: &mut [SeriesLinks]) {
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    for s in series.iter() {
        let total = totals.entry(s.name.clone()).or_default();
        *total = s.total.max(*total);
    }
    for s in series {
        s.total = totals[&s.name];
    }
}

/// Page `id`, at 0-based position `pos` of its series.
fn part(config: &Config, content: &Content, id: PageId, pos: usize) -> Part {
    let page = content.page(id);
    Part {
        link: Link {
            title: page.title().to_string(),
            permalink: page.permalink.url(config),
        },
        number: Series::number(content, id, pos),
    }
}

/// `page.series`.
#[derive(Debug, Serialize)]
pub struct SeriesView<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub permalink: &'a str,
    /// The current page's part number.
    pub part: usize,
    /// How many parts the whole series has.
    pub total: usize,
    pub prev: Option<&'a Link>,
    /// The next part, or the series page after the last part.
    pub next: Option<&'a Link>,
    pub parts: SeriesParts<'a>,
}

/// `page.series.parts`: each part with its number and whether it is the current page,
/// written out as the page is rendered.
#[derive(Debug)]
pub struct SeriesParts<'a> {
    parts: &'a [Part],
    /// 0-based.
    current: usize,
}

#[derive(Serialize)]
struct SeriesPart<'a> {
    title: &'a str,
    permalink: &'a str,
    part: usize,
    current: bool,
}

impl Serialize for SeriesParts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.parts.iter().enumerate().map(|(i, p)| SeriesPart {
            title: &p.link.title,
            permalink: &p.link.permalink,
            part: p.number,
            current: i == self.current,
        }))
    }
}
