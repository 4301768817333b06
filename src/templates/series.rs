//! `page.series`: a series is gathered once, and each part's view points into it, so a
//! series of n parts costs n views, not n lists of n parts.

use serde::{Serialize, Serializer};

use super::context::Link;
use crate::config::Config;
use crate::content::{self, Content, PageId, Permalink, slugs};

/// A series as its parts show it.
#[derive(Debug)]
pub struct SeriesLinks {
    pub name: String,
    /// The series page: the section of the same name if there is one, else the series
    /// term page.
    pub link: Link,
    pub parts: Vec<Link>,
}

/// Every series of the site, and where each page is in one.
#[derive(Debug, Default)]
pub struct SeriesIndex {
    series: Vec<SeriesLinks>,
    /// By page index: the series (an index into `series`) and 0-based position.
    places: Vec<Option<(usize, usize)>>,
}

impl SeriesIndex {
    pub fn new(config: &Config, content: &Content) -> Self {
        let mut index = SeriesIndex {
            series: Vec::new(),
            places: vec![None; content.pages.len()],
        };
        for series in content::series(content) {
            for (pos, id) in series.parts.iter().enumerate() {
                index.places[id.index()] = Some((index.series.len(), pos));
            }
            index.series.push(SeriesLinks {
                link: series_link(config, content, &series.name),
                parts: series
                    .parts
                    .iter()
                    .map(|&id| part_link(config, content, id))
                    .collect(),
                name: series.name,
            });
        }
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
            part: pos + 1,
            total: series.parts.len(),
            prev: pos.checked_sub(1).map(|p| &series.parts[p]),
            next: Some(series.parts.get(pos + 1).unwrap_or(&series.link)),
            parts: SeriesParts {
                parts: &series.parts,
                current: pos,
            },
        })
    }
}

fn series_link(config: &Config, content: &Content, name: &str) -> Link {
    let slug = slugs::from_name(config.slugs, name);
    let page = content.sections.iter().find(|s| {
        let folder = s.key.rsplit('/').next().unwrap_or_default();
        !s.key.is_empty() && slugs::from_name(config.slugs, folder) == slug
    });
    match page {
        Some(s) => Link {
            title: s.title.clone(),
            permalink: s.permalink.url(config),
        },
        None => Link {
            title: name.to_string(),
            permalink: Permalink::new(config, &["series", slug.as_str()]).url(config),
        },
    }
}

fn part_link(config: &Config, content: &Content, id: PageId) -> Link {
    let page = content.page(id);
    Link {
        title: page.title().to_string(),
        permalink: page.permalink.url(config),
    }
}

/// `page.series`.
#[derive(Debug, Serialize)]
pub struct SeriesView<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub permalink: &'a str,
    /// 1-based position of the current page.
    pub part: usize,
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
    parts: &'a [Link],
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
        serializer.collect_seq(self.parts.iter().enumerate().map(|(i, link)| SeriesPart {
            title: &link.title,
            permalink: &link.permalink,
            part: i + 1,
            current: i == self.current,
        }))
    }
}
