//! The site: loading it (config, content, templates), rendering it into memory
//! (Markdown, math, templates, feeds, sitemap), and `folio build`, which writes it.

mod assets;
mod bodies;
mod extras;
mod feeds;
mod pages;
mod references;
mod render;
mod sections;
mod taxonomies;

use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::{self, Content};
use crate::error::Result;
use crate::math::{self, CacheUse};
use crate::output;
use crate::templates::Templates;

pub use render::{render, render_with};

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
    pub warnings: Vec<String>,
    pub elapsed: Duration,
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
            config.override_base_url(url)?;
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

    pub fn config_path(&self) -> PathBuf {
        self.root.join("config.toml")
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.root.join(".folio-cache").join("katex")
    }
}

/// Builds the site and replaces the output folder.
pub fn build(options: &BuildOptions) -> Result<RenderReport> {
    let start = Instant::now();
    let site = Site::load(options)?;
    let out_dir = site.output_dir(options);
    output::check_replaceable(&out_dir)?;
    let (files, mut report) = render(&site, options.cache)?;
    output::check_count(&files, site.config.limits.max_files)?;
    output::write(&out_dir, &files)?;
    report.elapsed = start.elapsed();
    Ok(report)
}
