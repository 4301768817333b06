//! RSS feeds of lists (the home page, sections, taxonomy terms), in Hugo's wording. The
//! RSS itself is written by [`crate::feed`].

use lol_html::{RewriteStrSettings, element, rewrite_str};
use rayon::prelude::*;

use super::bodies::Bodies;
use super::render::{Made, Renderer};
use crate::config::Config;
use crate::content::{Content, Page, PageId, Permalink};
use crate::feed::{Channel, Item};
use crate::markdown;
use crate::math::{self, Medium};
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
/// absolute. `None` for a summary without formulas, which is then the page's summary as
/// lists show it: a second copy would only take memory.
pub(super) fn summaries(
    config: &Config,
    content: &Content,
    bodies: &Bodies,
) -> Vec<Option<String>> {
    (bodies.pages.par_iter().zip(&content.pages))
        .map(|(md, page)| {
            let has_math = math::indices(&md.summary).next().is_some();
            has_math.then(|| for_feeds(config, bodies, (page, md), &md.summary))
        })
        .collect()
}

/// Every page's whole body as full-content feeds carry it, by page index: as summaries
/// are (footnote links absolute too, so they reach the page's notes from any reader),
/// and without script. Empty unless `[feeds] full_content` is on.
pub(super) fn contents(config: &Config, content: &Content, bodies: &Bodies) -> Vec<String> {
    if !config.feeds.full_content {
        return Vec::new();
    }
    (bodies.pages.par_iter().zip(&content.pages))
        .map(|(md, page)| without_script(&for_feeds(config, bodies, (page, md), &md.html.unpack())))
        .collect()
}

/// `html`, part of `page`'s Markdown `md`, with formulas as MathML and links absolute.
fn for_feeds(
    config: &Config,
    bodies: &Bodies,
    (page, md): (&Page, &markdown::Rendered),
    html: &str,
) -> String {
    let html = bodies.math.fill(html, &md.math, Medium::Feed);
    markdown::absolutize(&html, &page.permalink.url(config))
}

/// `html` without `<script>` elements and `on…` event attributes, which readers would
/// drop or, worse, run: raw HTML in Markdown may hold either.
fn without_script(html: &str) -> String {
    let settings = RewriteStrSettings::new().append_element_content_handler(element!("*", |el| {
        if el.tag_name() == "script" {
            el.remove();
            return Ok(());
        }
        let events: Vec<String> = (el.attributes().iter())
            .map(|a| a.name())
            .filter(|name| name.starts_with("on"))
            .collect();
        for name in events {
            el.remove_attribute(&name);
        }
        Ok(())
    }));
    // The HTML is folio's own output; if the rewriter still refuses it, the item keeps
    // the summary alone (an empty body gets no `content:encoded`) rather than markup
    // that may hold script.
    rewrite_str(html, settings).unwrap_or_default()
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
    let (title, description) = subject.wording(&r.lang.title);
    let channel = Channel {
        title,
        link: list.url(config),
        description,
        language: &r.lang.code,
        self_url: list.feed().url(config),
        items: members
            .iter()
            .take(config.feeds.limit.map_or(usize::MAX, usize::from))
            .map(|&id| {
                let page = r.content.page(id);
                Item {
                    title: page.title(),
                    link: page.permalink.url(config),
                    date: page.source.meta.date.as_ref(),
                    description: (r.feed_summaries[id.index()].as_deref())
                        .unwrap_or(&r.pages[id.index()].summary),
                    content: (r.feed_contents.get(id.index()))
                        .filter(|html| !html.is_empty())
                        .map(String::as_str),
                }
            })
            .collect(),
    };
    let path = list.feed().output_file(config);
    let bytes = r.memo.feed(&path, &channel);
    made.files.add(path, bytes, Origin::new(Maker::Feed, input));
    made.report.feeds += 1;
}
