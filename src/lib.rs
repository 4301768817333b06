//! folio: a static site generator for technical writing with math.
//!
//! Data flows one way: [`content`] loads pages, [`markdown`] and [`math`] render them,
//! [`templates`], [`feed`] and [`sitemap`] produce files, [`output`] writes them;
//! [`build`] runs the whole.

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod date;
pub mod error;
pub mod feed;
pub mod highlight;
pub mod import;
pub mod markdown;
pub mod math;
pub mod output;
pub mod render_cache;
pub mod scaffold;
pub mod serve;
pub mod sitemap;
pub mod templates;
pub mod walk;
