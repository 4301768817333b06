//! Which pages a section holds, and in which order lists show them.

use std::cmp::Ordering;

use crate::date::Date;

use super::{Content, Page, PageId, SortBy};

impl Content {
    /// Pages of section `key` and of its subsections; every page for the home page (`""`).
    pub fn members(&self, key: &str) -> Vec<PageId> {
        let nested = format!("{key}/");
        self.page_ids()
            .filter(|&id| {
                let section = &self.page(id).section;
                key.is_empty() || section == key || section.starts_with(&nested)
            })
            .collect()
    }

    /// `ids` in `sort_by` order, ties broken by date (newest first), then permalink,
    /// so output never depends on the order files were found in.
    pub fn sorted(&self, mut ids: Vec<PageId>, sort_by: SortBy) -> Vec<PageId> {
        ids.sort_by(|&a, &b| {
            let (a, b) = (self.page(a), self.page(b));
            let (ma, mb) = (&a.source.meta, &b.source.meta);
            let last = |v: Option<i64>| v.unwrap_or(i64::MAX);
            match sort_by {
                SortBy::Date => Ordering::Equal,
                SortBy::Weight => last(ma.weight).cmp(&last(mb.weight)),
                SortBy::Title => a.title().cmp(b.title()),
                SortBy::SeriesOrder => last(ma.series_order).cmp(&last(mb.series_order)),
            }
            .then_with(|| by_date(a, b))
        });
        ids
    }

    /// The date of the first of `ids`, the newest when they are sorted by date.
    pub fn newest(&self, ids: &[PageId]) -> Option<&Date> {
        ids.first()
            .and_then(|&id| self.page(id).source.meta.date.as_ref())
    }
}

/// Newest first; pages without a date last; ties by permalink.
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

/// The section a section belongs to: `a/b` → `a`, `a` → `""` (the home page).
pub fn parent_key(key: &str) -> &str {
    key.rsplit_once('/').map_or("", |(parent, _)| parent)
}
