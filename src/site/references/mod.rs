//! Between Markdown and math: every page's labels numbered, its references resolved
//! across the site, its citations formatted, and the results written into its HTML and
//! formulas. Every problem of every page is collected, not just the first.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use hayagriva::citationberg::{IndependentStyle, Locale, LocaleCode};
use rayon::prelude::*;

use super::Site;
use super::images::LocalFiles;
use crate::cite::{self, CitationStyle, Cited, Libraries};
use crate::content::{self, Content, PageId, Permalink, Source};
use crate::crossref::{Document, Index, Numbers};
use crate::error::{Error, Location};
use crate::languages::LangId;
use crate::markdown::slots::{Problem, Slot};
use crate::markdown::{PackedHtml, Rendered};

mod fill;

/// Pages and sections with their slots filled in, and what went wrong.
pub(super) struct Resolved {
    pub pages: Vec<Arc<Rendered>>,
    pub sections: Vec<Option<Arc<Rendered>>>,
    pub errors: Vec<Error>,
}

/// The CSL locales bundled with hayagriva, read when a page first cites: once per
/// process, as `folio serve` resolves an edited page's citations on every save.
static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();

/// What filling one page reads.
struct Context<'a> {
    site: &'a Site,
    docs: &'a [Document<'a>],
    numbers: Numbers,
    index: Index<'a>,
    libraries: Libraries,
    /// The site's citation style, read when a page first cites.
    style: OnceLock<IndependentStyle>,
    /// Each language's CSL locale (`zh-CN`), by language index.
    locale: Vec<LocaleCode>,
    /// Each document's language.
    langs: Vec<LangId>,
    images: &'a LocalFiles<'a>,
}

impl<'a> Context<'a> {
    fn new(
        site: &'a Site,
        docs: &'a [Document<'a>],
        libraries: Libraries,
        (langs, images): (Vec<LangId>, &'a LocalFiles<'a>),
    ) -> Self {
        let config = &site.config;
        Context {
            site,
            docs,
            numbers: Numbers::new(docs, config.references.numbering),
            index: Index::new(docs),
            libraries,
            style: OnceLock::new(),
            locale: (site.languages.iter())
                .map(|l| LocaleCode(l.locale.replace('_', "-")))
                .collect(),
            langs,
            images,
        }
    }
}

pub(super) fn resolve(
    site: &Site,
    images: &LocalFiles,
    pages: Vec<Arc<Rendered>>,
    sections: Vec<Option<Arc<Rendered>>>,
) -> Resolved {
    let places = places(&site.content);
    let sources: Vec<&Source> = places.iter().map(|p| p.source).collect();
    let rendered: Vec<&Rendered> = pages
        .iter()
        .map(AsRef::as_ref)
        .chain(sections.iter().flatten().map(AsRef::as_ref))
        .collect();
    let docs = documents(site, &places, &rendered);
    let (context, mut errors) = context(site, &places, &docs, images);
    let filled: Vec<(Option<Rendered>, Vec<Error>)> = (0..docs.len())
        .into_par_iter()
        .map(|i| context.fill(i, rendered[i], sources[i]))
        .collect();
    let mut new = Vec::with_capacity(filled.len());
    for (r, e) in filled {
        new.push(r);
        errors.extend(e);
    }
    let mut new = new.into_iter();
    // A page with nothing to fill in keeps its rendering.
    let mut take = |old: Arc<Rendered>| new.next().flatten().map_or(old, Arc::new);
    let pages = pages.into_iter().map(&mut take).collect();
    let sections = sections.into_iter().map(|s| s.map(&mut take)).collect();
    // By file, line and column (an error with no place first).
    errors.sort_by_cached_key(|e| match e {
        Error::Input { location, .. } => Some(location.clone()),
        _ => None,
    });
    Resolved {
        pages,
        sections,
        errors,
    }
}

/// Page `id`'s rendering `page` with its slots filled in against every other page and
/// section as `pages` and `sections` hold them (`None` if it has nothing to fill in),
/// or every problem of it. For `folio serve`, which shows an edited page at once.
pub(super) fn resolve_page(
    site: &Site,
    images: &LocalFiles,
    (pages, sections): (&[Arc<Rendered>], &[Option<Arc<Rendered>>]),
    (id, page): (PageId, &Rendered),
) -> Result<Option<Rendered>, Vec<Error>> {
    let places = places(&site.content);
    // Pages come first among the places, so the page's place is its index.
    let mut rendered: Vec<&Rendered> = (pages.iter().map(AsRef::as_ref))
        .chain(sections.iter().flatten().map(AsRef::as_ref))
        .collect();
    rendered[id.index()] = page;
    let docs = documents(site, &places, &rendered);
    let (context, mut errors) = context(site, &places, &docs, images);
    let (filled, problems) = context.fill(id.index(), page, places[id.index()].source);
    errors.extend(problems);
    match errors.is_empty() {
        true => Ok(filled),
        false => Err(errors),
    }
}

/// What filling the documents `docs` of `places` reads, and the errors of loading the
/// bibliographies.
fn context<'a>(
    site: &'a Site,
    places: &[Place<'a>],
    docs: &'a [Document<'a>],
    images: &'a LocalFiles<'a>,
) -> (Context<'a>, Vec<Error>) {
    let config_at = Location::new(&site.config_path(), 1, 1);
    let (libraries, errors) = Libraries::load(
        &site.root,
        &site.config.bibliography.file.0,
        &config_at,
        places.iter().map(|p| p.source),
    );
    let langs = places.iter().map(|p| p.lang).collect();
    (Context::new(site, docs, libraries, (langs, images)), errors)
}

/// A page, or a section with an `_index.md`: what has labels, references and citations.
struct Place<'a> {
    source: &'a Source,
    permalink: &'a Permalink,
    lang: LangId,
}

/// Every page, then every section with an `_index.md`: the order of every list of
/// documents here, and of the renderings `resolve` gets.
fn places(content: &Content) -> Vec<Place<'_>> {
    let pages = content.pages.iter().map(|p| Place {
        source: &p.source,
        permalink: &p.permalink,
        lang: p.lang,
    });
    let sections = content.sections.iter().filter_map(|s| {
        Some(Place {
            source: s.source.as_ref()?,
            permalink: &s.permalink,
            lang: s.lang,
        })
    });
    pages.chain(sections).collect()
}

/// Each place as references see it.
fn documents<'a>(
    site: &Site,
    places: &[Place<'a>],
    rendered: &[&'a Rendered],
) -> Vec<Document<'a>> {
    let config = &site.config;
    let mut series = HashMap::new();
    for (n, s) in content::series(&site.content).into_iter().enumerate() {
        for (pos, &id) in s.parts.iter().enumerate() {
            let number = content::Series::number(&site.content, id, pos);
            series.insert(id.index(), (n, number));
        }
    }
    (places.iter().enumerate())
        .map(|(i, place)| Document {
            path: &place.source.path,
            url: place.permalink.url(config),
            series: series.get(&i).copied(),
            labels: &rendered[i].labels,
        })
        .collect()
}

impl Context<'_> {
    /// Document `i` with its slots filled in (`None` if it has none), and its errors.
    fn fill(
        &self,
        i: usize,
        rendered: &Rendered,
        source: &Source,
    ) -> (Option<Rendered>, Vec<Error>) {
        let mut problems = rendered.problems.clone();
        let numbered = rendered
            .math
            .iter()
            .any(|m| m.label.is_some() || !m.refs.is_empty());
        if rendered.slots.is_empty() && !numbered {
            return (None, to_errors(problems));
        }
        let locale = &self.locale[self.langs[i].index()];
        let cited = self.cite(rendered, (source, locale), &mut problems);
        let filler = fill::Filler {
            config: &self.site.config,
            doc: i,
            docs: self.docs,
            numbers: &self.numbers,
            index: &self.index,
            labels: &rendered.labels,
            cited: &cited,
            images: fill::images(
                self.images,
                &self.docs[i].url,
                &rendered.slots,
                &mut problems,
            ),
        };
        let links = filler.links(&rendered.slots, &mut problems);
        let slots: Vec<String> = rendered
            .slots
            .iter()
            .enumerate()
            .map(|(n, slot)| filler.slot(n, slot, &links))
            .collect();
        let math = rendered
            .math
            .iter()
            .map(|m| filler.math(m, &links))
            .collect();
        let filled = Rendered {
            html: PackedHtml::new(&fill::placeholders(&rendered.html.unpack(), &slots)),
            summary: fill::placeholders(&rendered.summary, &slots),
            math,
            ..rendered.clone()
        };
        (Some(filled), to_errors(problems))
    }

    /// The page's citations, formatted in its style.
    fn cite(
        &self,
        rendered: &Rendered,
        (source, locale): (&Source, &LocaleCode),
        problems: &mut Vec<Problem>,
    ) -> Cited {
        if !rendered.slots.iter().any(|s| matches!(s, Slot::Cite(_))) {
            return Cited::default();
        }
        let own_style = source.meta.citation_style.as_deref().map(|name| {
            CitationStyle::by_name(name)
                .map(CitationStyle::load)
                .map_err(|message| Problem {
                    location: source
                        .meta
                        .citations_at
                        .clone()
                        .unwrap_or_else(|| Location::new(&source.path, 1, 1)),
                    message,
                })
        });
        let style = match own_style {
            Some(Ok(style)) => Some(style),
            Some(Err(problem)) => {
                problems.push(problem);
                return Cited::default();
            }
            None => None,
        };
        let site_style = || self.site.config.bibliography.style.load();
        let styling = cite::Styling {
            style: style
                .as_ref()
                .unwrap_or_else(|| self.style.get_or_init(site_style)),
            locale: locale.clone(),
            locales: LOCALES.get_or_init(hayagriva::archive::locales),
        };
        let libraries = self.libraries.for_page(&source.path);
        cite::format(&rendered.slots, &libraries, &styling).unwrap_or_else(|p| {
            problems.extend(p);
            Cited::default()
        })
    }
}

fn to_errors(mut problems: Vec<Problem>) -> Vec<Error> {
    problems.sort_by(|a, b| a.location.cmp(&b.location));
    problems
        .into_iter()
        .map(|p| Error::input(p.location, p.message))
        .collect()
}
