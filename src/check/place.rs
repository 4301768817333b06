//! Mapping a broken link back to where it was written: the Markdown file and line, else
//! the menu in `config.toml`, else the template. What made each page, and from which
//! Markdown, is read from the origin the render recorded.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;

use super::{Broken, Finding, Place};
use crate::error::{Error, Location, Result, line_col};
use crate::origin::{Maker, Origin, shown};
use crate::output::Files;
use crate::site::Site;

/// Turns findings into reports naming the file and line each link was written on.
pub fn place(site: &Site, files: &Files, findings: Vec<Finding>) -> Result<Vec<Broken>> {
    let config_path = site.config_path();
    let config_text =
        std::fs::read_to_string(&config_path).map_err(|e| Error::io(&config_path, e))?;
    let sources: Vec<&Path> = site
        .content
        .pages
        .iter()
        .map(|p| p.source.path.as_path())
        .chain(
            site.content
                .sections
                .iter()
                .filter_map(|s| s.source.as_ref().map(|s| s.path.as_path())),
        )
        .collect();
    // Read when first searched, since most sites have few broken links.
    let mut texts: HashMap<&Path, String> = HashMap::new();
    let mut out = Vec::new();
    for finding in findings {
        let origin = files.origin(&finding.page);
        let page_source = origin.and_then(Origin::markdown);
        // The page's own Markdown first; then any page's, since list pages show other
        // pages' summaries (where a relative link may no longer resolve).
        let mut in_markdown = None;
        for source in page_source.into_iter().chain(sources.iter().copied()) {
            let text = match texts.entry(source) {
                Entry::Occupied(entry) => entry.into_mut(),
                Entry::Vacant(entry) => {
                    entry.insert(std::fs::read_to_string(source).map_err(|e| Error::io(source, e))?)
                }
            };
            in_markdown = locate(source, text, &finding.link, LinkSyntax::Markdown);
            if in_markdown.is_some() {
                break;
            }
        }
        let in_config = || {
            menu_path(site, &finding.link)
                .and_then(|path| locate(&config_path, &config_text, &path, LinkSyntax::Quoted))
        };
        let in_template = || {
            site.templates
                .sources()
                .find_map(|(path, text)| locate(path, text, &finding.link, LinkSyntax::Quoted))
        };
        let origin = match in_markdown.or_else(in_config).or_else(in_template) {
            Some(location) => Place::At(location),
            None => Place::Made {
                by: origin.map_or_else(|| "(unknown)".into(), |o| made_by(site, o)),
                from: origin.and_then(|o| o.input.clone()),
            },
        };
        out.push(Broken {
            origin,
            link: finding.link,
            problem: finding.problem,
            page: finding.page,
        });
    }
    Ok(out)
}

/// What made an output file: its template's file, or a description such as
/// "(redirect page)".
fn made_by(site: &Site, origin: &Origin) -> String {
    match origin.maker {
        Maker::Template(name) | Maker::Pager { template: name, .. } => {
            shown(&site.templates.path(name)).display().to_string()
        }
        other => format!("({other})"),
    }
}

/// A menu link as `config.toml` writes it: the path below its language's root.
fn menu_path(site: &Site, link: &str) -> Option<String> {
    let config = &site.config;
    site.languages
        .iter()
        .filter_map(|l| link.strip_prefix(&l.root.url(config)))
        .min_by_key(|rest| rest.len())
        .map(|rest| format!("/{rest}"))
}

#[derive(Clone, Copy)]
enum LinkSyntax {
    /// `[text](URL)`, `[label]: URL`, `<URL>`, or HTML in Markdown.
    Markdown,
    /// `"URL"`, as in TOML and template attributes.
    Quoted,
}

/// Where in the file `path`, whose text is `text`, the link `url` was written.
fn locate(path: &Path, text: &str, url: &str, syntax: LinkSyntax) -> Option<Location> {
    find_link(text, url, syntax).map(|(line, col)| Location::new(&shown(path), line, col))
}

/// Line and column of the link `url` in `text`, trying the forms a link is written in
/// before the bare URL (which could be mere prose).
fn find_link(text: &str, url: &str, syntax: LinkSyntax) -> Option<(usize, usize)> {
    let forms: Vec<(String, usize)> = match syntax {
        LinkSyntax::Markdown => vec![
            (format!("]({url}"), 2),
            (format!("]: {url}"), 3),
            (format!("<{url}>"), 1),
            (format!("\"{url}\""), 1),
            (url.to_string(), 0),
        ],
        LinkSyntax::Quoted => vec![(format!("\"{url}\""), 1)],
    };
    forms
        .iter()
        .find_map(|(form, skip)| text.find(form.as_str()).map(|at| line_col(text, at + skip)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_in_markdown_before_prose() {
        let text =
            "+++\ntitle = \"x\"\n+++\nSee ../a/ below.\n\nA [link](../a/) and\n[ref]: ../b/#c\n";
        assert_eq!(
            find_link(text, "../a/", LinkSyntax::Markdown),
            Some((6, 10))
        );
        assert_eq!(
            find_link(text, "../b/#c", LinkSyntax::Markdown),
            Some((7, 8))
        );
        assert_eq!(find_link(text, "../z/", LinkSyntax::Markdown), None);
    }
}
