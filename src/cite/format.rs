//! A page's citations through hayagriva's CSL engine: the text of each citation and the
//! page's reference list, as HTML.

use std::collections::HashMap;

use hayagriva::citationberg::taxonomy::Locator;
use hayagriva::citationberg::{IndependentStyle, Locale, LocaleCode};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose, Entry,
    LocatorPayload, SpecificLocator,
};

use super::html::{self, ItemText};
use super::{Library, is_numeric};
use crate::markdown::slots::{Citation, CiteItem, Problem, Slot};

/// A page's citations as HTML: by slot, and the entries of its reference list.
#[derive(Debug, Default)]
pub struct Cited {
    pub citations: HashMap<usize, String>,
    pub entries: String,
}

/// What formatting needs besides the page.
pub struct Styling<'a> {
    pub style: &'a IndependentStyle,
    pub locale: LocaleCode,
    pub locales: &'a [Locale],
}

/// Formats the citations among `slots`; an unknown key is a problem at its place.
pub fn format(
    slots: &[Slot],
    libraries: &[&Library],
    styling: &Styling,
) -> Result<Cited, Vec<Problem>> {
    let citations: Vec<(usize, &Citation)> = slots
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match s {
            Slot::Cite(c) => Some((i, c)),
            _ => None,
        })
        .collect();
    let entries = entries(&citations, libraries)?;
    let numeric = is_numeric(styling.style);
    let mut driver = BibliographyDriver::new();
    let texts: Vec<Vec<ItemText>> = citations
        .iter()
        .map(|(_, citation)| {
            let (request, texts) = request(citation, &entries, styling, numeric);
            driver.citation(request);
            texts
        })
        .collect();
    let rendered = driver.finish(BibliographyRequest::new(
        styling.style,
        Some(styling.locale.clone()),
        styling.locales,
    ));
    let affixes = affixes(styling.style);
    let mut cited = Cited::default();
    for (((slot, citation), text), out) in citations.iter().zip(&texts).zip(&rendered.citations) {
        let bare = citation.items.iter().all(|i| i.suppress_author) && !numeric;
        let html = html::citation(&out.citation, text, if bare { affixes } else { ("", "") });
        cited.citations.insert(*slot, html);
    }
    if let Some(bibliography) = rendered.bibliography {
        cited.entries = html::entries(&bibliography.items);
    }
    Ok(cited)
}

/// The request for one citation, and what the author wrote around each work.
fn request<'a>(
    citation: &'a Citation,
    entries: &HashMap<String, &'a Entry>,
    styling: &Styling<'a>,
    numeric: bool,
) -> (CitationRequest<'a, Entry>, Vec<ItemText<'a>>) {
    let mut items = Vec::new();
    let mut texts = Vec::new();
    for item in &citation.items {
        let (locator, rest) = locator(&item.suffix);
        let purpose = purpose(citation, item, numeric);
        items.push(CitationItem::new(
            entries[&item.key],
            locator,
            None,
            false,
            purpose,
        ));
        texts.push(ItemText {
            key: &item.key,
            prefix: &item.prefix,
            suffix: rest,
        });
    }
    let locale = Some(styling.locale.clone());
    let request = CitationRequest::new(items, styling.style, locale, styling.locales, None);
    (request, texts)
}

/// Every cited key's entry, from the first library that has it.
fn entries<'l>(
    citations: &[(usize, &Citation)],
    libraries: &[&'l Library],
) -> Result<HashMap<String, &'l Entry>, Vec<Problem>> {
    let mut found = HashMap::new();
    let mut problems = Vec::new();
    for item in citations.iter().flat_map(|(_, c)| &c.items) {
        match libraries.iter().find_map(|l| l.get(&item.key)) {
            Some(entry) => {
                found.insert(item.key.clone(), entry);
            }
            None => problems.push(unknown(item, libraries)),
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

fn unknown(item: &CiteItem, libraries: &[&Library]) -> Problem {
    let message = if libraries.is_empty() {
        format!(
            "`@{}` is a citation, but this page has no bibliography: set `[bibliography] file` in config.toml or `bibliography` in the front matter (write `\\@` for an @ that cites nothing)",
            item.key
        )
    } else {
        let files: Vec<String> = libraries.iter().map(|l| l.describe()).collect();
        format!(
            "unknown citation key `{}`: {} has no entry with it; check the key (write `\\@` for an @ that cites nothing)",
            item.key,
            files.join(" and ")
        )
    };
    Problem {
        location: item.location.clone(),
        message,
    }
}

/// How an item is cited: in the sentence ("Hinton et al. [1]"), the year alone
/// (`[-@key]`, where the style shows authors), or in the usual form.
fn purpose(citation: &Citation, item: &CiteItem, numeric: bool) -> Option<CitePurpose> {
    if citation.in_text {
        Some(CitePurpose::Prose)
    } else if item.suppress_author && !numeric {
        Some(CitePurpose::Year)
    } else {
        None
    }
}

/// The style's brackets around a citation (`(`, `)`), which hayagriva leaves out of a
/// year-only citation.
fn affixes(style: &IndependentStyle) -> (&str, &str) {
    let layout = &style.citation.layout;
    (
        layout.prefix.as_deref().unwrap_or(""),
        layout.suffix.as_deref().unwrap_or(""),
    )
}

/// Pandoc's locator at the start of a suffix (`p. 4`, `chap. 2`, `§ 3`): the locator
/// and what follows it after a comma.
fn locator(suffix: &str) -> (Option<SpecificLocator<'_>>, &str) {
    const LABELS: [(&str, Locator); 17] = [
        ("pp.", Locator::Page),
        ("p.", Locator::Page),
        ("pages", Locator::Page),
        ("page", Locator::Page),
        ("chap.", Locator::Chapter),
        ("ch.", Locator::Chapter),
        ("chapter", Locator::Chapter),
        ("sec.", Locator::Section),
        ("section", Locator::Section),
        ("§", Locator::Section),
        ("fig.", Locator::Figure),
        ("figure", Locator::Figure),
        ("eq.", Locator::Equation),
        ("table", Locator::Table),
        ("tab.", Locator::Table),
        ("vol.", Locator::Volume),
        ("para.", Locator::Paragraph),
    ];
    let lower = suffix.to_lowercase();
    for (label, kind) in LABELS {
        let word = !label.ends_with(['.', '§']);
        if lower.starts_with(label) && lower.len() == suffix.len() {
            let rest = &suffix[label.len()..];
            if word && !rest.starts_with(char::is_whitespace) {
                continue;
            }
            let rest = rest.trim_start();
            let (value, after) = rest.split_once(',').unwrap_or((rest, ""));
            if value.trim().is_empty() {
                break;
            }
            return (
                Some(SpecificLocator(kind, LocatorPayload::Str(value.trim()))),
                after.trim(),
            );
        }
    }
    (None, suffix)
}
