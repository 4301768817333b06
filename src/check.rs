//! `folio check`: builds the site into memory (as `folio build` would, but writing
//! nothing) and checks that every link in its HTML resolves: internal links to an output
//! file, `#anchors` to an element id on the target page, and, if asked, external links
//! to a successful HTTP response. Each broken link is reported where it was written: the
//! Markdown file and line, else `config.toml` (menus), else the template.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lol_html::{HtmlRewriter, Settings, element};
use rayon::prelude::*;

use crate::build::{self, BuildOptions, Site};
use crate::content::Permalink;
use crate::error::{Error, Location, Result, line_col};
use crate::output::{FileContent, Files};
use crate::templates;

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
    /// Made by a template from variables: the template's name or path, and the Markdown
    /// file of the page it was rendering, if any.
    Template {
        template: String,
        page_source: Option<PathBuf>,
    },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::At(location) => write!(f, "{location}"),
            Place::Template {
                template,
                page_source: Some(source),
            } => write!(
                f,
                "{template} (made by the template, on the page for {})",
                source.display()
            ),
            Place::Template {
                template,
                page_source: None,
            } => write!(f, "{template} (made by the template)"),
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
    let site = Site::load(&BuildOptions::new(&options.root))?;
    let (files, _) = build::render(&site, true)?;
    let parsed = parse_all(&files)?;
    let mut report = check_internal(&site, &files, &parsed)?;
    if options.external {
        check_external(&site, &parsed, options, &mut report)?;
    }
    report.broken.sort();
    report.broken.dedup();
    Ok(report)
}

/// One `href` or `src` on a page.
struct Link {
    value: String,
}

/// What a page holds: its links, and the ids that anchors can point to.
#[derive(Default)]
struct Parsed {
    links: Vec<Link>,
    ids: BTreeSet<String>,
}

fn is_html(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html" || e == "htm")
}

fn parse_all(files: &Files) -> Result<BTreeMap<PathBuf, Parsed>> {
    files
        .0
        .par_iter()
        .filter(|(path, _)| is_html(path))
        .map(|(path, content)| {
            let bytes = match content {
                FileContent::Bytes(bytes) => bytes.clone(),
                FileContent::Copy(from) => std::fs::read(from).map_err(|e| Error::io(from, e))?,
            };
            Ok((path.clone(), parse(&bytes)))
        })
        .collect()
}

fn parse(html: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    {
        let mut rewriter = HtmlRewriter::new(
            Settings::new().append_element_content_handler(element!("*", |el| {
                for name in ["href", "src"] {
                    if let Some(value) = el.get_attribute(name) {
                        parsed.links.push(Link {
                            value: decode_entities(value.trim()),
                        });
                    }
                }
                if let Some(id) = el.get_attribute("id") {
                    parsed.ids.insert(decode_entities(&id));
                }
                if el.tag_name() == "a"
                    && let Some(name) = el.get_attribute("name")
                {
                    parsed.ids.insert(decode_entities(&name));
                }
                Ok(())
            })),
            |_: &[u8]| {},
        );
        // The parser recovers from any markup, as browsers do; an error here can only
        // come from a handler, and ours return none.
        let _ = rewriter.write(html);
        let _ = rewriter.end();
    }
    parsed
}

/// Attribute values as written may hold character references; links compare decoded.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

enum Target {
    /// A path below the site's base path, with its fragment.
    Internal {
        path: String,
        fragment: String,
    },
    External(String),
    /// mailto:, tel:, data: and the like.
    Other,
}

fn classify(site: &Site, page: &Path, value: &str) -> Target {
    let config = &site.config;
    let scheme = value
        .find(':')
        .filter(|&i| {
            i > 0
                && value[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
        .map(|i| value[..i].to_ascii_lowercase());
    let (path_and_fragment, base) = match scheme.as_deref() {
        Some("http" | "https") => {
            let origin = config.origin();
            match value.strip_prefix(origin) {
                Some(rest) if rest.is_empty() || rest.starts_with(['/', '?', '#']) => {
                    (rest.to_string(), None)
                }
                _ => return Target::External(value.to_string()),
            }
        }
        Some(_) => return Target::Other,
        None if value.starts_with("//") => return Target::External(format!("https:{value}")),
        None => (value.to_string(), Some(page_url_path(site, page))),
    };
    let (before_fragment, fragment) = match path_and_fragment.split_once('#') {
        Some((p, f)) => (p, f.to_string()),
        None => (path_and_fragment.as_str(), String::new()),
    };
    let path = before_fragment
        .split_once('?')
        .map_or(before_fragment, |(p, _)| p);
    let path = match (path.starts_with('/'), base) {
        (true, _) | (false, None) => path.to_string(),
        (false, Some(base)) if path.is_empty() => base,
        (false, Some(base)) => {
            let dir = &base[..base.rfind('/').map_or(0, |i| i + 1)];
            format!("{dir}{path}")
        }
    };
    Target::Internal {
        path: if path.is_empty() { "/".into() } else { path },
        fragment,
    }
}

/// The site path a page is served at: `/en/a/` for `en/a/index.html`.
fn page_url_path(site: &Site, page: &Path) -> String {
    let rel = page.to_string_lossy().replace('\\', "/");
    let rel = rel.strip_suffix("index.html").unwrap_or(&rel);
    format!("{}{rel}", site.config.base_path())
}

/// The output file a site path names, or why there is none.
fn lookup(site: &Site, files: &Files, path: &str) -> std::result::Result<PathBuf, String> {
    let mut segments: Vec<String> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if segments.pop().is_none() {
                    return Err("it points above the site's root".into());
                }
            }
            s => segments.push(
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned(),
            ),
        }
    }
    let joined = format!("/{}", segments.join("/"));
    let base = site.config.base_path();
    let Some(rel) = format!("{joined}/").strip_prefix(base).map(|r| {
        let r = r.trim_end_matches('/');
        r.to_string()
    }) else {
        return Err(format!(
            "it is outside the site, whose pages are all below {base}"
        ));
    };
    let key = PathBuf::from(&rel);
    let index = key.join("index.html");
    let wants_folder = path.ends_with('/') || rel.is_empty();
    if !wants_folder && files.0.contains_key(&key) {
        Ok(key)
    } else if files.0.contains_key(&index) {
        Ok(index)
    } else {
        Err(format!(
            "no page or file at {} (looked for {})",
            if rel.is_empty() { "/" } else { &rel },
            if wants_folder {
                index.display().to_string()
            } else {
                format!("{} and {}", key.display(), index.display())
            }
        ))
    }
}

/// A broken link, not yet placed: the page it is on and what is wrong.
struct Finding {
    page: PathBuf,
    link: String,
    problem: String,
}

fn check_internal(
    site: &Site,
    files: &Files,
    parsed: &BTreeMap<PathBuf, Parsed>,
) -> Result<Report> {
    let mut report = Report {
        pages: parsed.len(),
        ..Report::default()
    };
    let mut findings = Vec::new();
    for (page, content) in parsed {
        for link in &content.links {
            let Target::Internal { path, fragment } = classify(site, page, &link.value) else {
                continue;
            };
            report.internal += 1;
            let problem = match lookup(site, files, &path) {
                Err(problem) => Some(problem),
                Ok(target) => {
                    let fragment = percent_encoding::percent_decode_str(&fragment)
                        .decode_utf8_lossy()
                        .into_owned();
                    match parsed.get(&target) {
                        // `#` alone and `#top` scroll to the top without an element.
                        Some(t)
                            if !fragment.is_empty()
                                && fragment != "top"
                                && !t.ids.contains(&fragment) =>
                        {
                            Some(format!(
                                "{} has no element with id=\"{fragment}\": fix the anchor, or give a heading that id with `{{#{fragment}}}`",
                                target.display()
                            ))
                        }
                        _ => None,
                    }
                }
            };
            if let Some(problem) = problem {
                findings.push(Finding {
                    page: page.clone(),
                    link: link.value.clone(),
                    problem,
                });
            }
        }
    }
    report.broken = place(site, findings)?;
    Ok(report)
}

fn check_external(
    site: &Site,
    parsed: &BTreeMap<PathBuf, Parsed>,
    options: &CheckOptions,
    report: &mut Report,
) -> Result<()> {
    let mut pages_of: BTreeMap<String, Vec<(PathBuf, String)>> = BTreeMap::new();
    for (page, content) in parsed {
        for link in &content.links {
            if let Target::External(url) = classify(site, page, &link.value) {
                let url = url
                    .split_once('#')
                    .map_or(url.as_str(), |(u, _)| u)
                    .to_string();
                pages_of
                    .entry(url)
                    .or_default()
                    .push((page.clone(), link.value.clone()));
            }
        }
    }
    report.external = pages_of.len();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("folio-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.concurrency)
        .build()
        .map_err(|e| Error::Output {
            path: options.root.clone(),
            message: format!(
                "cannot start {} threads for external links: {e}",
                options.concurrency
            ),
        })?;
    let urls: Vec<&String> = pages_of.keys().collect();
    let problems: Vec<(&String, Option<String>)> = pool.install(|| {
        urls.par_iter()
            .map(|url| (*url, fetch(&agent, url, options.timeout)))
            .collect()
    });
    let mut findings = Vec::new();
    for (url, problem) in problems {
        let Some(problem) = problem else { continue };
        for (page, value) in &pages_of[url] {
            findings.push(Finding {
                page: page.clone(),
                link: value.clone(),
                problem: problem.clone(),
            });
        }
    }
    report.broken.extend(place(site, findings)?);
    Ok(())
}

/// What is wrong with an external URL, if anything. Only the status is read, not the body.
fn fetch(agent: &ureq::Agent, url: &str, timeout: Duration) -> Option<String> {
    match agent.get(url).call() {
        Ok(response) if response.status().as_u16() < 400 => None,
        Ok(response) => Some(format!(
            "the server answered HTTP {}: update or remove the link",
            response.status()
        )),
        Err(ureq::Error::Timeout(_)) => Some(format!(
            "no answer within {} s: check the URL, or pass a longer --timeout",
            timeout.as_secs()
        )),
        Err(e) => Some(format!("cannot fetch it ({e}): check the URL")),
    }
}

/// Where each output page came from: its Markdown file, if any, and its template.
struct Origin {
    source: Option<PathBuf>,
    template: &'static str,
}

fn origins(site: &Site) -> HashMap<PathBuf, Origin> {
    let config = &site.config;
    let mut out = HashMap::new();
    for page in &site.content.pages {
        out.insert(
            page.permalink.output_file(config),
            Origin {
                source: Some(page.source.path.clone()),
                template: "page.html",
            },
        );
        for alias in &page.source.meta.aliases {
            out.insert(
                Permalink::site_root(config, alias).output_file(config),
                Origin {
                    source: Some(page.source.path.clone()),
                    template: "(redirect page)",
                },
            );
        }
    }
    for section in &site.content.sections {
        out.insert(
            section.permalink.output_file(config),
            Origin {
                source: section.source.as_ref().map(|s| s.path.clone()),
                template: if section.key.is_empty() {
                    "index.html"
                } else {
                    "section.html"
                },
            },
        );
    }
    out.insert(
        Permalink::site_root(config, "404.html").output_file(config),
        Origin {
            source: None,
            template: "404.html",
        },
    );
    out
}

/// The template of an output file no page or section made: a taxonomy page, or the
/// redirect at the site root.
fn other_template(site: &Site, page: &Path) -> &'static str {
    let config = &site.config;
    for name in &config.taxonomies {
        let list = Permalink::new(config, &[name.as_str()]).output_file(config);
        if page == list {
            return "taxonomy_list.html";
        }
        if list.parent().is_some_and(|dir| page.starts_with(dir)) {
            return "taxonomy_term.html";
        }
    }
    "(redirect page)"
}

/// Turns findings into reports naming the file and line each link was written on.
fn place(site: &Site, findings: Vec<Finding>) -> Result<Vec<Broken>> {
    let origins = origins(site);
    let mut texts: HashMap<PathBuf, String> = HashMap::new();
    let mut read = |path: &Path| -> Result<String> {
        if let Some(text) = texts.get(path) {
            return Ok(text.clone());
        }
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        texts.insert(path.to_path_buf(), text.clone());
        Ok(text)
    };
    let config_path = site.root.join("config.toml");
    let config_text = read(&config_path)?;
    let template_sources = template_sources(site)?;
    let sources: Vec<&PathBuf> = site
        .content
        .pages
        .iter()
        .map(|p| &p.source.path)
        .chain(
            site.content
                .sections
                .iter()
                .filter_map(|s| s.source.as_ref().map(|s| &s.path)),
        )
        .collect();
    let mut out = Vec::new();
    for finding in findings {
        let origin = origins.get(&finding.page);
        let template = origin.map_or_else(|| other_template(site, &finding.page), |o| o.template);
        let page_source = origin.and_then(|o| o.source.as_ref());
        // The page's own Markdown first; then any page's, since list pages show other
        // pages' summaries (where a relative link may no longer resolve).
        let mut in_markdown = None;
        for source in page_source.into_iter().chain(sources.iter().copied()) {
            if let Some((line, col)) =
                find_link(&read(source)?, &finding.link, LinkSyntax::Markdown)
            {
                in_markdown = Some(Location::new(&tidy(source), line, col));
                break;
            }
        }
        let in_config = || {
            menu_path(site, &finding.link).and_then(|path| {
                find_link(&config_text, &path, LinkSyntax::Quoted)
                    .map(|(line, col)| Location::new(&tidy(&config_path), line, col))
            })
        };
        let in_template = || {
            template_sources.iter().find_map(|(path, text)| {
                find_link(text, &finding.link, LinkSyntax::Quoted)
                    .map(|(line, col)| Location::new(path, line, col))
            })
        };
        let origin = match in_markdown.or_else(in_config).or_else(in_template) {
            Some(location) => Place::At(location),
            None => Place::Template {
                template: template_path(site, template),
                page_source: page_source.map(|s| tidy(s)),
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

/// `./content/a.md` → `content/a.md`, for shorter messages.
fn tidy(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

/// The site's template file for `name`, or the built-in one it falls back to.
fn template_path(site: &Site, name: &str) -> String {
    let own = site.root.join("templates").join(name);
    if own.is_file() {
        tidy(&own).display().to_string()
    } else if name.starts_with('(') {
        name.to_string()
    } else {
        format!("(built-in template) {name}")
    }
}

/// Every template's text, the site's own first, for links written literally in them.
fn template_sources(site: &Site) -> Result<Vec<(PathBuf, String)>> {
    let mut out = Vec::new();
    let dir = site.root.join("templates");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::Output {
                path: dir.clone(),
                message: format!("cannot read the templates folder: {e}"),
            })?;
            if entry.file_type().is_file() {
                let text = std::fs::read_to_string(entry.path())
                    .map_err(|e| Error::io(entry.path(), e))?;
                out.push((tidy(entry.path()), text));
            }
        }
    }
    for (name, text) in templates::DEFAULTS {
        if !dir.join(name).is_file() {
            out.push((
                PathBuf::from(format!("(built-in template) {name}")),
                text.to_string(),
            ));
        }
    }
    Ok(out)
}

/// A menu link as `config.toml` writes it: the path below the language root.
fn menu_path(site: &Site, link: &str) -> Option<String> {
    let root = site.config.language_root();
    let rest = link.strip_prefix(&root)?;
    Some(format!("/{rest}"))
}

#[derive(Clone, Copy)]
enum LinkSyntax {
    /// `[text](URL)`, `[label]: URL`, `<URL>`, or HTML in Markdown.
    Markdown,
    /// `"URL"`, as in TOML and template attributes.
    Quoted,
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
    fn decodes_character_references() {
        assert_eq!(decode_entities("a?x=1&amp;y=2"), "a?x=1&y=2");
        assert_eq!(decode_entities("&#x27;&#39;&quot;"), "''\"");
        assert_eq!(decode_entities("R&D; & more"), "R&D; & more");
    }

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

    #[test]
    fn parses_links_and_ids() {
        let parsed = parse(
            b"<p id=one><a href=\"/x/?a=1&amp;b=2#f\">x</a><a name=two></a><img src='i.png'></p>",
        );
        let links: Vec<&str> = parsed.links.iter().map(|l| l.value.as_str()).collect();
        assert_eq!(links, ["/x/?a=1&b=2#f", "i.png"]);
        assert!(parsed.ids.contains("one") && parsed.ids.contains("two"));
    }
}
