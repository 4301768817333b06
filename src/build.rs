//! `folio build`: load (config, content, templates) → render (Markdown, math, templates,
//! feeds, sitemap) → write (all at once).

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::content::{self, Content, Page, Permalink, Section, SortBy};
use crate::error::{Error, Result};
use crate::feed;
use crate::highlight;
use crate::markdown::{self, MarkdownOptions};
use crate::math::{self, MathRenderer, Output};
use crate::output::{self, Files};
use crate::render_cache::RenderCache;
use crate::sitemap;
use crate::templates::Templates;
use crate::templates::context::{
    Frame, Link, PageView, SectionView, SeriesPart, SeriesView, SiteView, TaxonomyView, TermView,
    display_date, iso_date,
};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder, holding `config.toml`, `content/`, `templates/`, `static/`.
    pub root: PathBuf,
    /// Overrides `output_dir`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Use the on-disk math cache in `ROOT/.folio-cache/`.
    pub cache: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            cache: true,
        }
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub feeds: usize,
    pub files: usize,
    pub math: math::Stats,
    pub warnings: Vec<String>,
    pub elapsed: Duration,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "built {} pages, {} feeds, {} files in {} ms (math: {} rendered, {} from cache)",
            self.pages,
            self.feeds,
            self.files,
            self.elapsed.as_millis(),
            self.math.rendered,
            self.math.cached
        )
    }
}

/// A site loaded from disk, ready to render.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub content: Content,
    pub templates: Templates,
}

impl Site {
    pub fn load(options: &BuildOptions) -> Result<Site> {
        let root = &options.root;
        let mut config = Config::load(&root.join("config.toml"))?;
        if let Some(url) = &options.base_url {
            config = Config::parse(
                &format!("base_url = {url:?}\ntitle = \"\""),
                Path::new("--base-url"),
            )
            .map(|c| Config {
                base_url: c.base_url,
                ..config
            })?;
        }
        let content = content::load(&config, &root.join("content"), options.drafts)?;
        let templates = Templates::load(&root.join("templates"))?;
        Ok(Site {
            root: root.clone(),
            config,
            content,
            templates,
        })
    }

    pub fn output_dir(&self, options: &BuildOptions) -> PathBuf {
        options
            .output
            .clone()
            .unwrap_or_else(|| self.root.join(&self.config.output_dir))
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.root.join(".folio-cache").join("katex")
    }
}

/// Builds the site and replaces the output folder.
pub fn build(options: &BuildOptions) -> Result<Report> {
    let start = Instant::now();
    let site = Site::load(options)?;
    let out_dir = site.output_dir(options);
    output::check_replaceable(&out_dir)?;
    let (files, mut report) = render(&site, options.cache)?;
    output::write(&out_dir, &files)?;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Renders every output file of the site into memory.
pub fn render(site: &Site, use_cache: bool) -> Result<(Files, Report)> {
    render_with(site, use_cache, &RenderCache::default())
}

/// [`render`], reusing from `memo` every page's Markdown and every output file whose
/// inputs are unchanged since an earlier render (`folio serve` keeps one across rebuilds).
pub fn render_with(site: &Site, use_cache: bool, memo: &RenderCache) -> Result<(Files, Report)> {
    let config = &site.config;
    let pages = &site.content.pages;
    let sections = &site.content.sections;
    check_collisions(config, &site.content)?;

    let md_options = MarkdownOptions {
        math: &config.math,
        summary_length: config.summary_length,
        highlighter: config.highlight.enabled.then(|| memo.highlighter()),
    };
    let page_md: Vec<Arc<markdown::Rendered>> = pages
        .par_iter()
        .map(|p| memo.markdown(&p.source, &md_options))
        .collect();
    let section_md: Vec<Option<Arc<markdown::Rendered>>> = sections
        .par_iter()
        .map(|s| s.source.as_ref().map(|src| memo.markdown(src, &md_options)))
        .collect();

    let mut needed = Vec::new();
    for r in page_md.iter().chain(section_md.iter().flatten()) {
        needed.extend(r.math.iter().map(|span| (span, Output::Page)));
    }
    for r in &page_md {
        needed.extend(
            math::indices(&r.summary)
                .filter_map(|i| r.math.get(i))
                .map(|s| (s, Output::Feed)),
        );
    }
    let has_math = !needed.is_empty();
    let cache_dir = use_cache.then(|| site.cache_dir());
    let (rendered_math, warnings) = MathRenderer::new(&config.math, cache_dir).render(needed)?;

    let taxonomies = Taxonomies::collect(config, pages);
    let series = series_of(config, pages, sections);
    let home_feed = Permalink::new(config, &[""]).feed().url(config);
    let site_view = SiteView::new(config, home_feed, has_math, taxonomies.links(config));

    let views: Vec<PageView> = pages
        .par_iter()
        .zip(&page_md)
        .enumerate()
        .map(|(i, (page, md))| {
            page_view(
                config,
                page,
                md,
                &rendered_math,
                sections,
                &taxonomies,
                i,
                series.get(&i),
            )
        })
        .collect();
    let feed_summaries: Vec<String> = page_md
        .iter()
        .map(|md| rendered_math.fill(&md.summary, &md.math, Output::Feed))
        .collect();

    let mut files = Files::default();
    let mut report = Report {
        math: rendered_math.stats,
        warnings,
        ..Report::default()
    };
    files.add(
        "folio.css",
        include_bytes!("templates/defaults/folio.css").to_vec(),
    );
    files.add("highlight.css", highlight::stylesheet().into_bytes());
    if has_math {
        for (name, bytes) in KATEX_ASSETS {
            files.add(Path::new("katex").join(name), bytes.to_vec());
        }
    }
    files.add_tree(&site.root.join("static"))?;

    let templates = &site.templates;
    let page_html: Vec<Result<(PathBuf, Vec<u8>)>> = pages
        .par_iter()
        .zip(&views)
        .map(|(page, view)| {
            let frame = Frame {
                site: &site_view,
                title: format!("{} | {}", view.title, config.title),
                description: view
                    .description
                    .clone()
                    .unwrap_or_else(|| config.description.clone()),
                current_url: view.permalink.clone(),
                feed_url: Some(site_view.feed_url.clone()),
            };
            let path = page.permalink.output_file(config);
            let html = memo.template(
                templates,
                &path,
                "page.html",
                &frame,
                &PageVars { page: view },
            )?;
            Ok((path, html))
        })
        .collect();
    for result in page_html {
        let (path, html) = result?;
        files.add(path, html);
        report.pages += 1;
    }

    let mut sitemap_entries: Vec<sitemap::Entry> = pages
        .iter()
        .map(|p| sitemap::Entry {
            url: p.permalink.url(config),
            lastmod: p
                .source
                .meta
                .updated
                .as_ref()
                .or(p.source.meta.date.as_ref()),
        })
        .collect();

    // Sections, the home page first; each with its feed.
    for (section, md) in sections.iter().zip(&section_md) {
        let members: Vec<usize> = (0..pages.len())
            .filter(|&i| in_section(&pages[i], &section.key))
            .collect();
        let direct: Vec<usize> = if section.key.is_empty() {
            members.clone()
        } else {
            members
                .iter()
                .copied()
                .filter(|&i| pages[i].section == section.key)
                .collect()
        };
        let sort_by = if section.key.is_empty() {
            SortBy::Date
        } else {
            section.sort_by()
        };
        let listed = sorted(pages, direct, sort_by);
        let feed_url = section.permalink.feed().url(config);
        let view = SectionView {
            title: section.title.clone(),
            description: section.meta().and_then(|m| m.description.clone()),
            permalink: section.permalink.url(config),
            content: md
                .as_ref()
                .map(|md| rendered_math.fill(&md.html, &md.math, Output::Page))
                .unwrap_or_default(),
            feed_url: feed_url.clone(),
            pages: listed.iter().map(|&i| views[i].entry()).collect(),
            subsections: sections
                .iter()
                .filter(|s| {
                    !s.key.is_empty() && parent_key(&s.key) == section.key && s.key != section.key
                })
                .map(|s| Link {
                    title: s.title.clone(),
                    permalink: s.permalink.url(config),
                })
                .collect(),
            extra: section.meta().map(|m| m.extra.clone()).unwrap_or_default(),
        };
        let is_home = section.key.is_empty();
        let frame = Frame {
            site: &site_view,
            title: if is_home {
                config.title.clone()
            } else {
                format!("{} | {}", section.title, config.title)
            },
            description: view
                .description
                .clone()
                .unwrap_or_else(|| config.description.clone()),
            current_url: view.permalink.clone(),
            feed_url: Some(feed_url.clone()),
        };
        let template = if is_home {
            "index.html"
        } else {
            "section.html"
        };
        let path = section.permalink.output_file(config);
        let html = memo.template(
            templates,
            &path,
            template,
            &frame,
            &SectionVars { section: &view },
        )?;
        files.add(path, html);
        report.pages += 1;

        let (title, description) = if is_home {
            (
                config.title.clone(),
                format!("Recent content on {}", config.title),
            )
        } else {
            (
                format!("{} on {}", section.title, config.title),
                format!("Recent content in {} on {}", section.title, config.title),
            )
        };
        let items = sorted(pages, members, SortBy::Date);
        let channel = channel(
            config,
            title,
            description,
            &section.permalink,
            &items,
            pages,
            &feed_summaries,
        );
        let path = section.permalink.feed().output_file(config);
        files.add(&path, memo.feed(&path, &channel));
        report.feeds += 1;
        sitemap_entries.push(sitemap::Entry {
            url: view.permalink.clone(),
            lastmod: items
                .first()
                .and_then(|&i| pages[i].source.meta.date.as_ref()),
        });
    }

    // Taxonomies: a list page each, and a page and a feed per term.
    for (name, terms) in &taxonomies.0 {
        let title = content::title_from_folder(name);
        let list_link = Permalink::new(config, &[name.as_str()]);
        let term_views: Vec<TermView> = terms
            .iter()
            .map(|(slug, (term, members))| TermView {
                name: term.clone(),
                slug: slug.clone(),
                permalink: Permalink::new(config, &[name.as_str(), slug.as_str()]).url(config),
                feed_url: Permalink::new(config, &[name.as_str(), slug.as_str()])
                    .feed()
                    .url(config),
                count: members.len(),
                pages: Vec::new(),
            })
            .collect();
        let taxonomy = TaxonomyView {
            name: name.clone(),
            title: title.clone(),
            permalink: list_link.url(config),
            terms: term_views.clone(),
        };
        let frame = Frame {
            site: &site_view,
            title: format!("{} | {}", title, config.title),
            description: config.description.clone(),
            current_url: taxonomy.permalink.clone(),
            feed_url: Some(site_view.feed_url.clone()),
        };
        let path = list_link.output_file(config);
        let vars = TaxonomyVars {
            taxonomy: &taxonomy,
        };
        let html = memo.template(templates, &path, "taxonomy_list.html", &frame, &vars)?;
        files.add(path, html);
        report.pages += 1;
        sitemap_entries.push(sitemap::Entry {
            url: taxonomy.permalink.clone(),
            lastmod: None,
        });

        for ((slug, (term, members)), term_view) in terms.iter().zip(term_views) {
            let link = Permalink::new(config, &[name.as_str(), slug.as_str()]);
            let items = sorted(pages, members.clone(), SortBy::Date);
            let view = TermView {
                pages: items.iter().map(|&i| views[i].entry()).collect(),
                ..term_view
            };
            let frame = Frame {
                site: &site_view,
                title: format!("{} | {} | {}", term, title, config.title),
                description: config.description.clone(),
                current_url: view.permalink.clone(),
                feed_url: Some(view.feed_url.clone()),
            };
            let vars = TermVars {
                taxonomy: &taxonomy,
                term: &view,
            };
            let path = link.output_file(config);
            let html = memo.template(templates, &path, "taxonomy_term.html", &frame, &vars)?;
            files.add(path, html);
            report.pages += 1;
            let channel = channel(
                config,
                format!("{term} on {}", config.title),
                format!("Recent content in {term} on {}", config.title),
                &link,
                &items,
                pages,
                &feed_summaries,
            );
            let path = link.feed().output_file(config);
            files.add(&path, memo.feed(&path, &channel));
            report.feeds += 1;
            sitemap_entries.push(sitemap::Entry {
                url: view.permalink.clone(),
                lastmod: items
                    .first()
                    .and_then(|&i| pages[i].source.meta.date.as_ref()),
            });
        }
    }

    // 404, redirects (the bare site root and aliases), sitemap, robots.txt.
    let not_found = Permalink::site_root(config, "404.html");
    let frame = Frame {
        site: &site_view,
        title: format!("Page not found | {}", config.title),
        description: config.description.clone(),
        current_url: not_found.url(config),
        feed_url: None,
    };
    let path = not_found.output_file(config);
    let html = memo.template(templates, &path, "404.html", &frame, &NoVars {})?;
    files.add(path, html);
    report.pages += 1;
    if config.language.subfolder {
        let root = Permalink::site_root(config, "");
        files.add(
            root.output_file(config),
            redirect_html(&config.language_root(), &config.language.code),
        );
    }
    for page in pages {
        for alias in &page.source.meta.aliases {
            let from = Permalink::site_root(config, alias);
            files.add(
                from.output_file(config),
                redirect_html(&page.permalink.url(config), &config.language.code),
            );
        }
    }
    let sitemap_link = Permalink::site_root(config, "sitemap.xml");
    files.add(
        sitemap_link.output_file(config),
        sitemap::render(sitemap_entries),
    );
    files.add(
        Permalink::site_root(config, "robots.txt").output_file(config),
        sitemap::robots(&sitemap_link.url(config)),
    );
    report.files = files.len() + 1; // and the output marker
    Ok((files, report))
}

#[derive(Serialize)]
struct PageVars<'a> {
    page: &'a PageView,
}

#[derive(Serialize)]
struct SectionVars<'a> {
    section: &'a SectionView,
}

#[derive(Serialize)]
struct TaxonomyVars<'a> {
    taxonomy: &'a TaxonomyView,
}

#[derive(Serialize)]
struct TermVars<'a> {
    taxonomy: &'a TaxonomyView,
    term: &'a TermView,
}

#[derive(Serialize)]
struct NoVars {}

/// KaTeX's stylesheet and fonts, for the version the `katex` crate runs (see vendor/).
const KATEX_ASSETS: [(&str, &[u8]); 22] = {
    macro_rules! asset {
        ($name:literal) => {
            (
                $name,
                include_bytes!(concat!("../vendor/katex-0.16.4/", $name)),
            )
        };
    }
    [
        asset!("katex.min.css"),
        asset!("LICENSE"),
        asset!("fonts/KaTeX_AMS-Regular.woff2"),
        asset!("fonts/KaTeX_Caligraphic-Bold.woff2"),
        asset!("fonts/KaTeX_Caligraphic-Regular.woff2"),
        asset!("fonts/KaTeX_Fraktur-Bold.woff2"),
        asset!("fonts/KaTeX_Fraktur-Regular.woff2"),
        asset!("fonts/KaTeX_Main-Bold.woff2"),
        asset!("fonts/KaTeX_Main-BoldItalic.woff2"),
        asset!("fonts/KaTeX_Main-Italic.woff2"),
        asset!("fonts/KaTeX_Main-Regular.woff2"),
        asset!("fonts/KaTeX_Math-BoldItalic.woff2"),
        asset!("fonts/KaTeX_Math-Italic.woff2"),
        asset!("fonts/KaTeX_SansSerif-Bold.woff2"),
        asset!("fonts/KaTeX_SansSerif-Italic.woff2"),
        asset!("fonts/KaTeX_SansSerif-Regular.woff2"),
        asset!("fonts/KaTeX_Script-Regular.woff2"),
        asset!("fonts/KaTeX_Size1-Regular.woff2"),
        asset!("fonts/KaTeX_Size2-Regular.woff2"),
        asset!("fonts/KaTeX_Size3-Regular.woff2"),
        asset!("fonts/KaTeX_Size4-Regular.woff2"),
        asset!("fonts/KaTeX_Typewriter-Regular.woff2"),
    ]
};

/// Two pages, sections or aliases with one URL would overwrite each other.
fn check_collisions(config: &Config, content: &Content) -> Result<()> {
    let mut seen: BTreeMap<String, &Path> = BTreeMap::new();
    let sources = content
        .pages
        .iter()
        .map(|p| (p.permalink.clone(), p.source.path.as_path()))
        .chain(content.sections.iter().filter_map(|s| {
            s.source
                .as_ref()
                .map(|src| (s.permalink.clone(), src.path.as_path()))
        }))
        .chain(content.pages.iter().flat_map(|p| {
            p.source
                .meta
                .aliases
                .iter()
                .map(|a| (Permalink::site_root(config, a), p.source.path.as_path()))
        }));
    let mut errors = Vec::new();
    for (permalink, path) in sources {
        let url = permalink.url(config);
        if let Some(first) = seen.get(&url) {
            errors.push(Error::PermalinkCollision {
                permalink: url,
                first: first.to_path_buf(),
                second: path.to_path_buf(),
            });
        } else {
            seen.insert(url, path);
        }
    }
    Error::collect(errors)
}

fn in_section(page: &Page, key: &str) -> bool {
    key.is_empty() || page.section == key || page.section.starts_with(&format!("{key}/"))
}

fn parent_key(key: &str) -> &str {
    key.rsplit_once('/').map_or("", |(parent, _)| parent)
}

/// Newest first; pages without a date last; ties by permalink, so output never depends
/// on the order files were found in.
fn by_date(a: &Page, b: &Page) -> Ordering {
    let (da, db) = (a.source.meta.date.as_ref(), b.source.meta.date.as_ref());
    match (da, db) {
        (Some(x), Some(y)) => y.cmp(x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.permalink.cmp(&b.permalink))
}

fn sorted(pages: &[Page], mut indices: Vec<usize>, sort_by: SortBy) -> Vec<usize> {
    indices.sort_by(|&a, &b| {
        let (a, b) = (&pages[a], &pages[b]);
        let (ma, mb) = (&a.source.meta, &b.source.meta);
        match sort_by {
            SortBy::Date => Ordering::Equal,
            SortBy::Weight => ma
                .weight
                .unwrap_or(i64::MAX)
                .cmp(&mb.weight.unwrap_or(i64::MAX)),
            SortBy::Title => a.title().cmp(b.title()),
            SortBy::SeriesOrder => ma
                .series_order
                .unwrap_or(i64::MAX)
                .cmp(&mb.series_order.unwrap_or(i64::MAX)),
        }
        .then_with(|| by_date(a, b))
    });
    indices
}

fn channel<'a>(
    config: &'a Config,
    title: String,
    description: String,
    list: &Permalink,
    items: &[usize],
    pages: &'a [Page],
    summaries: &'a [String],
) -> feed::Channel<'a> {
    feed::Channel {
        title,
        link: list.url(config),
        description,
        language: &config.language.code,
        self_url: list.feed().url(config),
        items: items
            .iter()
            .map(|&i| feed::Item {
                title: pages[i].title(),
                link: pages[i].permalink.url(config),
                date: pages[i].source.meta.date.as_ref(),
                description: &summaries[i],
            })
            .collect(),
    }
}

fn redirect_html(to: &str, lang: &str) -> Vec<u8> {
    let to = escape_attr(to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Redirecting</title>\n<link rel=\"canonical\" href=\"{to}\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{to}\">{to}</a>.</p>\n</body>\n</html>\n"
    )
    .into_bytes()
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// Terms per taxonomy: taxonomy → term slug → (term as first written, member pages).
struct Taxonomies(BTreeMap<String, BTreeMap<String, (String, Vec<usize>)>>);

impl Taxonomies {
    fn collect(config: &Config, pages: &[Page]) -> Self {
        let mut all: BTreeMap<String, BTreeMap<String, (String, Vec<usize>)>> = BTreeMap::new();
        for name in &config.taxonomies {
            for (i, page) in pages.iter().enumerate() {
                for term in page.source.meta.terms(name) {
                    let slug = slug::slugify(term);
                    let entry = all
                        .entry(name.clone())
                        .or_default()
                        .entry(slug)
                        .or_insert_with(|| (term.clone(), Vec::new()));
                    if !entry.1.contains(&i) {
                        entry.1.push(i);
                    }
                }
            }
        }
        Taxonomies(all)
    }

    fn links(&self, config: &Config) -> Vec<Link> {
        self.0
            .keys()
            .map(|name| Link {
                title: content::title_from_folder(name),
                permalink: Permalink::new(config, &[name.as_str()]).url(config),
            })
            .collect()
    }

    fn page_terms(&self, config: &Config, page: usize) -> BTreeMap<String, Vec<Link>> {
        let mut out = BTreeMap::new();
        for (name, terms) in &self.0 {
            let links: Vec<Link> = terms
                .iter()
                .filter(|(_, (_, members))| members.contains(&page))
                .map(|(slug, (term, _))| Link {
                    title: term.clone(),
                    permalink: Permalink::new(config, &[name.as_str(), slug.as_str()]).url(config),
                })
                .collect();
            if !links.is_empty() {
                out.insert(name.clone(), links);
            }
        }
        out
    }
}

/// The series view of every page in a series, by page index. Parts are ordered by
/// `series_order`, then date; the series page is the section of the same name if there
/// is one, else the series term page.
fn series_of(config: &Config, pages: &[Page], sections: &[Section]) -> BTreeMap<usize, SeriesView> {
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        if let Some(name) = page.source.meta.terms("series").first() {
            groups.entry(name.as_str()).or_default().push(i);
        }
    }
    let mut out = BTreeMap::new();
    for (name, members) in groups {
        let mut members = sorted(pages, members, SortBy::SeriesOrder);
        members.sort_by_key(|&i| pages[i].source.meta.series_order.unwrap_or(i64::MAX));
        let slug = slug::slugify(name);
        let (title, permalink) = match sections
            .iter()
            .find(|s| s.key == slug || s.key.ends_with(&format!("/{slug}")))
        {
            Some(s) => (s.title.clone(), s.permalink.url(config)),
            None => (
                name.to_string(),
                Permalink::new(config, &["series", slug.as_str()]).url(config),
            ),
        };
        let link = |i: usize| Link {
            title: pages[i].title().to_string(),
            permalink: pages[i].permalink.url(config),
        };
        for (pos, &i) in members.iter().enumerate() {
            let view = SeriesView {
                name: name.to_string(),
                title: title.clone(),
                permalink: permalink.clone(),
                part: pos + 1,
                total: members.len(),
                prev: pos.checked_sub(1).map(|p| link(members[p])),
                next: match members.get(pos + 1) {
                    Some(&n) => Some(link(n)),
                    None => Some(Link {
                        title: title.clone(),
                        permalink: permalink.clone(),
                    }),
                },
                parts: members
                    .iter()
                    .enumerate()
                    .map(|(p, &m)| SeriesPart {
                        title: pages[m].title().to_string(),
                        permalink: pages[m].permalink.url(config),
                        part: p + 1,
                        current: m == i,
                    })
                    .collect(),
            };
            out.insert(i, view);
        }
    }
    out
}

fn page_view(
    config: &Config,
    page: &Page,
    md: &markdown::Rendered,
    math: &math::Rendered,
    sections: &[Section],
    taxonomies: &Taxonomies,
    index: usize,
    series: Option<&SeriesView>,
) -> PageView {
    let meta = &page.source.meta;
    let section = sections.iter().find(|s| s.key == page.section);
    PageView {
        title: page.title().to_string(),
        description: meta.description.clone(),
        permalink: page.permalink.url(config),
        slug: page.slug.clone(),
        date: meta.date.as_ref().map(iso_date),
        date_display: meta.date.as_ref().map(display_date),
        updated: meta.updated.as_ref().map(iso_date),
        updated_display: meta.updated.as_ref().map(display_date),
        summary: math.fill(&md.summary, &md.math, Output::Page),
        truncated: md.truncated,
        content: math.fill(&md.html, &md.math, Output::Page),
        toc: md.toc.clone(),
        word_count: md.word_count,
        reading_time: md.reading_time(),
        section: Link {
            title: section.map(|s| s.title.clone()).unwrap_or_default(),
            permalink: section.map(|s| s.permalink.url(config)).unwrap_or_default(),
        },
        taxonomies: taxonomies.page_terms(config, index),
        series: series.cloned(),
        series_order: meta.series_order,
        weight: meta.weight,
        draft: meta.draft,
        extra: meta.extra.clone(),
    }
}
