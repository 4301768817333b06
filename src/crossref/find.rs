//! Which label a reference names: on its own page, else on the one part of its series
//! that has it, or on the page its link names.

use std::collections::HashMap;

use url::Url;

use super::Document;

/// A label of a document, by indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub doc: usize,
    pub label: usize,
}

/// The labels of every document, by name.
pub struct Index<'a> {
    docs: &'a [Document<'a>],
    /// By document: label name → label index.
    names: Vec<HashMap<&'a str, usize>>,
    /// Series id → its documents, in part order.
    series: HashMap<usize, Vec<usize>>,
    /// Normalised URL → document.
    urls: HashMap<String, usize>,
}

impl<'a> Index<'a> {
    pub fn new(docs: &'a [Document<'a>]) -> Self {
        let names = docs
            .iter()
            .map(|d| {
                let mut names = HashMap::new();
                for (i, label) in d.labels.iter().enumerate() {
                    // A label defined twice is reported by the page; the first counts.
                    names.entry(label.name.as_str()).or_insert(i);
                }
                names
            })
            .collect();
        let mut series: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
        for (i, d) in docs.iter().enumerate() {
            if let Some((id, part)) = d.series {
                series.entry(id).or_default().push((part, i));
            }
        }
        let series = series
            .into_iter()
            .map(|(id, mut parts)| {
                parts.sort_unstable();
                (id, parts.into_iter().map(|(_, i)| i).collect())
            })
            .collect();
        let urls = docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((normalise(&Url::parse(&d.url).ok()?), i)))
            .collect();
        Index {
            docs,
            names,
            series,
            urls,
        }
    }

    /// The label `name` as seen from document `from`, on the page `page` links to if
    /// given; the error says what is wrong and what to write.
    pub fn find(&self, from: usize, name: &str, page: Option<&str>) -> Result<Target, String> {
        match page {
            Some(link) => self.on_page(from, name, link),
            None => self.nearby(from, name),
        }
    }

    fn label(&self, doc: usize, name: &str) -> Option<Target> {
        let label = *self.names[doc].get(name)?;
        Some(Target { doc, label })
    }

    fn on_page(&self, from: usize, name: &str, link: &str) -> Result<Target, String> {
        let url = Url::parse(&self.docs[from].url)
            .and_then(|base| base.join(link))
            .map_err(|e| format!("`{link}` is not a link to a page ({e}): write the page's path, such as `../other-post/`"))?;
        let Some(&doc) = self.urls.get(&normalise(&url)) else {
            return Err(format!(
                "`{link}` is not a page of this site (it leads to {url}): write the path of the page that has `{name}`, such as `../other-post/`"
            ));
        };
        self.label(doc, name).ok_or_else(|| {
            format!(
                "{} has no label `{name}`: check the name, or label a formula, figure or table there",
                self.docs[doc].path.display()
            )
        })
    }

    fn nearby(&self, from: usize, name: &str) -> Result<Target, String> {
        if let Some(target) = self.label(from, name) {
            return Ok(target);
        }
        let parts = self.docs[from]
            .series
            .and_then(|(id, _)| self.series.get(&id))
            .map_or(&[][..], Vec::as_slice);
        let found: Vec<Target> = parts.iter().filter_map(|&d| self.label(d, name)).collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(self.unknown(name, !parts.is_empty())),
            several => {
                let pages: Vec<String> = several
                    .iter()
                    .map(|t| self.docs[t.doc].path.display().to_string())
                    .collect();
                Err(format!(
                    "several parts of this series have the label `{name}` ({}): name the page, as in `[@{name}]({})`",
                    pages.join(", "),
                    self.docs[several[0].doc].url
                ))
            }
        }
    }

    fn unknown(&self, name: &str, in_series: bool) -> String {
        let place = if in_series {
            "this page or its series"
        } else {
            "this page"
        };
        let elsewhere = (0..self.docs.len()).find_map(|d| self.label(d, name));
        match elsewhere {
            Some(t) => format!(
                "no label `{name}` on {place}; {} has one: name that page, as in `[@{name}]({})`",
                self.docs[t.doc].path.display(),
                self.docs[t.doc].url
            ),
            None => format!(
                "unknown label `{name}`: no formula, figure or table of {place} has it; label one with `\\label{{{name}}}` or `{{#{name}}}`, or check the name"
            ),
        }
    }
}

/// A page URL without fragment or query, ending in `/`.
fn normalise(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.set_query(None);
    let mut s = String::from(url);
    if !s.ends_with('/') && !s.rsplit('/').next().is_some_and(|last| last.contains('.')) {
        s.push('/');
    }
    s
}
