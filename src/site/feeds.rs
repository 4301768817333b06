//! RSS feeds of lists (the home page, sections, taxonomy terms), in Hugo's wording. The
//! RSS itself is written by [`crate::feed`].

use rayon::prelude::*;

use super::bodies::Bodies;
use super::render::{Made, Renderer};
use crate::config::Config;
use crate::content::{Content, PageId, Permalink};
use crate::feed::{Channel, Item};
use crate::markdown;
use crate::math::Medium;
use crate::origin::{Input, Maker, Origin};

/// What a feed lists, which gives its title and description.
pub(super) enum Subject<'a> {
    /// The home page: every page of the site.
    Home,
    /// A section or a taxonomy term, by its title.
    List(&'a str),
}

impl Subject<'_> {
    /// Hugo's channel title and description.
    fn wording(&self, site_title: &str) -> (String, String) {
        match self {
            Subject::Home => (
                site_title.to_string(),
                format!("Recent content on {site_title}"),
            ),
            Subject::List(title) => (
                format!("{title} on {site_title}"),
                format!("Recent content in {title} on {site_title}"),
            ),
        }
    }
}

/// Every page's summary as feeds show it, by page index: formulas as MathML, links
/// absolute.
pub(super) fn summaries(config: &Config, content: &Content, bodies: &Bodies) -> Vec<String> {
    bodies
        .pages
        .par_iter()
        .zip(&content.pages)
        .map(|(md, page)| {
            let summary = bodies.math.fill(&md.summary, &md.math, Medium::Feed);
            markdown::absolutize(&summary, &page.permalink.url(config))
        })
        .collect()
}

/// The feed of the list at `list`, made from `input`, with `members` newest first.
pub(super) fn add(
    r: &Renderer,
    made: &mut Made,
    (subject, input): (Subject, Option<Input>),
    list: &Permalink,
    members: &[PageId],
) {
    let config = r.config;
    let (title, description) = subject.wording(&config.title);
    let channel = Channel {
        title,
        link: list.url(config),
        description,
        language: &config.language.code,
        self_url: list.feed().url(config),
        items: members
            .iter()
            .map(|&id| {
                let page = r.content.page(id);
                Item {
                    title: page.title(),
                    link: page.permalink.url(config),
                    date: page.source.meta.date.as_ref(),
                    description: &r.feed_summaries[id.index()],
                }
            })
            .collect(),
    };
    let path = list.feed().output_file(config);
    let bytes = r.memo.feed(&path, &channel);
    made.files.add(path, bytes, Origin::new(Maker::Feed, input));
    made.report.feeds += 1;
}
