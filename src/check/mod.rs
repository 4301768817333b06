//! `folio check`: builds the site into memory (as `folio build` would, but writing
//! nothing) and checks that every link in its HTML resolves: internal links to an output
//! file, `#anchors` to an element id on the target page, and, if asked, external links
//! to a successful HTTP response. Each broken link is reported where it was written: the
//! Markdown file and line, else `config.toml` (menus), else the template.
//!
//! `parse` reads links and ids from the HTML, `resolve` tells what each link points to
//! and whether it is there, `external` fetches links to other sites, and `place` finds
//! where a broken link was written.

mod external;
mod parse;
mod place;
mod resolve;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::error::{Location, Result};
use crate::math::CacheUse;
use crate::origin::Input;
use crate::site::{self, BuildOptions, Site};
use resolve::Target;

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub external: bool,
    /// For each external link.
    pub timeout: Duration,
    /// External links checked at once.
    pub concurrency: usize,
}

#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub internal: usize,
    /// Distinct external URLs checked (0 without `--external`).
    pub external: usize,
    /// Sorted by where they were written.
    pub broken: Vec<Broken>,
}

impl Report {
    pub fn is_ok(&self) -> bool {
        self.broken.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Broken {
    /// Where the link was written.
    pub origin: Place,
    /// The link as written in the HTML.
    pub link: String,
    /// What is wrong and what to do.
    pub problem: String,
    /// The output file the link is on.
    pub page: PathBuf,
}

/// Where a link was written, as precisely as can be told.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// In Markdown, a menu in `config.toml`, or literally in a template.
    At(Location),
    /// Made by a template from variables (or by folio): the template's file (or what
    /// else made the page), and the input the page was made from, if any.
    Made { by: String, from: Option<Input> },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::At(location) => write!(f, "{location}"),
            Place::Made {
                by,
                from: Some(input),
            } => write!(f, "{by} (made by the template, from {input})"),
            Place::Made { by, from: None } => write!(f, "{by} (made by the template)"),
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in &self.broken {
            writeln!(
                f,
                "{}: broken link \"{}\" (on {}): {}",
                b.origin,
                b.link,
                b.page.display(),
                b.problem
            )?;
        }
        let external = if self.external > 0 {
            format!(" and {} external links", self.external)
        } else {
            String::new()
        };
        writeln!(
            f,
            "checked {} internal links{external} on {} pages: {}",
            self.internal,
            self.pages,
            match self.broken.len() {
                0 => "all good".to_string(),
                1 => "1 broken".to_string(),
                n => format!("{n} broken"),
            }
        )
    }
}

/// Builds the site at `options.root` into memory and checks its links.
pub fn run(options: &CheckOptions) -> Result<Report> {
    let mut site = Site::load(&BuildOptions::new(&options.root))?;
    let (files, _) = site::render(&mut site, CacheUse::ReadOnly)?;
    let pages = parse::parse_all(&files)?;
    let mut report = Report {
        pages: pages.len(),
        ..Report::default()
    };
    let mut findings = Vec::new();
    // By URL, so that each is fetched once however many links point to it.
    let mut external: BTreeMap<String, Vec<(PathBuf, String)>> = BTreeMap::new();
    for (page, parsed) in &pages {
        for link in &parsed.links {
            match resolve::classify(&site, page, link) {
                Target::Internal { path, fragment } => {
                    report.internal += 1;
                    if let Some(problem) = resolve::problem(&site, &files, &pages, &path, &fragment)
                    {
                        findings.push(Finding {
                            page: page.clone(),
                            link: link.clone(),
                            problem,
                        });
                    }
                }
                Target::External(url) if options.external => external
                    .entry(url)
                    .or_default()
                    .push((page.clone(), link.clone())),
                Target::Malformed(problem) => findings.push(Finding {
                    page: page.clone(),
                    link: link.clone(),
                    problem,
                }),
                Target::External(_) | Target::Other => {}
            }
        }
    }
    if options.external {
        report.external = external.len();
        findings.extend(external::check(&external, options)?);
    }
    report.broken = place::place(&site, &files, findings)?;
    report.broken.sort();
    report.broken.dedup();
    Ok(report)
}

/// A broken link, not yet placed: the page it is on and what is wrong.
struct Finding {
    page: PathBuf,
    link: String,
    problem: String,
}
