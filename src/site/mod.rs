//! The site: loading it (config, content, templates), rendering it into memory
//! (Markdown, math, templates, feeds, sitemap), and `folio build`, which writes it.

mod assets;
mod bodies;
mod bundles;
mod extras;
mod fast;
mod feeds;
mod images;
mod pages;
mod paginate;
mod references;
mod render;
mod search;
mod sections;
mod taxonomies;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::{self, Content, ReadCache};
use crate::error::Result;
use crate::languages::{Language, Languages};
use crate::math::{self, CacheUse};
use crate::output;
use crate::progress::Progress;
use crate::render_cache::RenderCache;
use crate::templates::Templates;
use crate::timings::{Phase, Table, Timings};

pub use fast::{Model, render_keeping};
pub use render::{render, render_with};
pub use search::SearchStats;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder, holding `config.toml`, `content/`, `templates/`, `static/`.
    pub root: PathBuf,
    /// Overrides `output_dir`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    pub drafts: bool,
    /// How to use the on-disk math cache in `ROOT/.folio-cache/`.
    pub cache: CacheUse,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            cache: CacheUse::ReadWrite,
        }
    }
}

#[derive(Debug, Default)]
pub struct RenderReport {
    pub pages: usize,
    pub feeds: usize,
    pub files: usize,
    pub math: math::Stats,
    pub code: CodeStats,
    pub warnings: Vec<String>,
    /// Set when the site has search.
    pub search: Option<SearchStats>,
    pub elapsed: Duration,
    /// Where the time went; filled by [`build`].
    pub timings: Timings,
}

impl RenderReport {
    /// The time of each phase and template, as a table.
    pub fn timings(&self) -> Table<'_> {
        Table {
            timings: &self.timings,
            total: self.elapsed,
        }
    }
}

impl fmt::Display for RenderReport {
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
        )?;
        if self.code.highlighted + self.code.cached > 0 {
            write!(
                f,
                " (code: {} highlighted, {} from cache)",
                self.code.highlighted, self.code.cached
            )?;
        }
        if let Some(search) = &self.search {
            write!(
                f,
                " (search: {} pages indexed in {} ms)",
                search.pages, search.millis
            )?;
        }
        Ok(())
    }
}

/// How many code blocks a build highlighted, and took from the cache.
#[derive(Debug, Default, Clone, Copy)]
pub struct CodeStats {
    pub highlighted: usize,
    pub cached: usize,
}

/// A site loaded from disk, ready to render.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub languages: Languages,
    pub content: Content,
    pub templates: Templates,
}

impl Site {
    pub fn load(options: &BuildOptions) -> Result<Site> {
        Self::load_reusing(options, None)
    }

    /// [`Site::load`], reading only the content files that `reads` does not hold as they
    /// are now (`folio serve` keeps one across rebuilds).
    pub fn load_reusing(options: &BuildOptions, reads: Option<&mut ReadCache>) -> Result<Site> {
        let root = &options.root;
        let mut config = Config::load(&root.join("config.toml"))?;
        if let Some(url) = &options.base_url {
            config.override_base_url(url)?;
        }
        let languages = Languages::new(&config);
        let content = content::load_reusing(&config, &languages, root, options.drafts, reads)?;
        let templates = Templates::load(&root.join("templates"))?;
        Ok(Site {
            root: root.clone(),
            config,
            languages,
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

    pub fn config_path(&self) -> PathBuf {
        self.root.join("config.toml")
    }

    /// The folder `lang`'s content is in: its `content_dir`, else `content/`.
    pub fn content_root(&self, lang: &Language) -> PathBuf {
        match &lang.content_dir {
            Some(dir) => self.root.join(dir),
            None => self.root.join(content::SHARED_DIR),
        }
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.root.join(".folio-cache").join("katex")
    }
}

/// Builds the site and writes the output folder, each page as soon as it is rendered.
pub fn build(options: &BuildOptions) -> Result<RenderReport> {
    let start = Instant::now();
    let progress = Progress::on_terminal();
    let mut memo = RenderCache::single_build().with_progress(progress.clone());
    let timings = memo.timings();
    progress.stage("loading", None);
    let mut site = timings.phase(Phase::Load, || Site::load(options))?;
    let staging = Arc::new(output::Staging::open(&site.output_dir(options))?);
    let files = output::Files::staged(staging.clone());
    let rendered = render::render_into(&mut site, options.cache, &memo, files);
    let (files, mut report, _) = rendered.inspect_err(|_| progress.finish())?;
    output::check_count(&files, site.config.limits.max_files)?;
    progress.stage("writing", Some(files.len()));
    let written = timings.phase(Phase::Write, || staging.finish(files, &progress));
    progress.finish();
    written?;
    report.elapsed = start.elapsed();
    report.timings = memo.take_timings();
    Ok(report)
}
