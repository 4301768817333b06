//! folio: a static site generator for technical writing with math.
//!
//! Data flows one way: [`content`] loads pages, [`markdown`] and [`math`] render them,
//! [`templates`], [`feed`], [`sitemap`] and [`search`] produce files, each with its
//! [`origin`], and [`output`] writes them. [`site`] holds the loaded site and runs the
//! whole; `folio build`, `folio serve` and `folio check` all go through it.

pub mod check;
pub mod cite;
pub mod config;
pub mod content;
pub mod crossref;
pub mod date;
pub mod error;
pub mod feed;
pub mod highlight;
pub mod i18n;
pub mod import;
pub mod languages;
pub mod markdown;
pub mod math;
pub mod origin;
pub mod output;
pub mod progress;
pub mod render_cache;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod store;
pub mod templates;
pub mod timings;
pub mod walk;
