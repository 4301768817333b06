//! Tera templates: defaults embedded in the binary, overridden by name by the site's
//! `templates/` folder.

pub mod context;
pub mod languages;
pub mod series;
pub mod stylesheets;
pub mod views;

use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use serde::Serialize;
use tera::{Context, ErrorKind, Tera};

use crate::error::{Error, Location, Result};
use stylesheets::{InlineCss, Stylesheets};

/// The templates every site has; a site may override any of them.
pub const DEFAULTS: [(&str, &str); 10] = [
    ("base.html", include_str!("defaults/base.html")),
    ("alternates.html", include_str!("defaults/alternates.html")),
    ("index.html", include_str!("defaults/index.html")),
    ("section.html", include_str!("defaults/section.html")),
    ("page.html", include_str!("defaults/page.html")),
    (
        "taxonomy_list.html",
        include_str!("defaults/taxonomy_list.html"),
    ),
    (
        "taxonomy_term.html",
        include_str!("defaults/taxonomy_term.html"),
    ),
    ("pagination.html", include_str!("defaults/pagination.html")),
    ("404.html", include_str!("defaults/404.html")),
    ("search.html", include_str!("defaults/search.html")),
];

/// A template's file and text, to name the file in errors.
struct TemplateFile {
    name: String,
    /// The site's file, or `(built-in template) NAME`.
    path: PathBuf,
    source: String,
    built_in: bool,
}

pub struct Templates {
    tera: Tera,
    files: Vec<TemplateFile>,
    /// What `inline_css` reads: the stylesheets of the build being rendered.
    stylesheets: Arc<RwLock<Arc<Stylesheets>>>,
}

impl Templates {
    /// Loads the defaults, then every file below `dir` (named by its path relative to it).
    pub fn load(dir: &Path) -> Result<Self> {
        let mut files: Vec<TemplateFile> = DEFAULTS
            .iter()
            .map(|(name, source)| TemplateFile {
                name: name.to_string(),
                path: PathBuf::from(format!("(built-in template) {name}")),
                source: source.to_string(),
                built_in: true,
            })
            .collect();
        for path in crate::walk::files_below(dir)? {
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let source = Error::read_text(&path)?;
            files.retain(|o| o.name != name);
            files.push(TemplateFile {
                name,
                path,
                source,
                built_in: false,
            });
        }
        let stylesheets = Arc::default();
        let mut tera = Tera::new();
        tera.register_function("inline_css", InlineCss(Arc::clone(&stylesheets)));
        let mut templates = Templates {
            tera,
            files,
            stylesheets,
        };
        let added = templates.tera.add_raw_templates(
            templates
                .files
                .iter()
                .map(|o| (o.name.as_str(), o.source.as_str())),
        );
        added.map_err(|e| templates.error(e, None))?;
        Ok(templates)
    }

    /// Renders `name` with the frame's variables plus `vars` (a struct such as `{ page }`).
    pub fn render<F: Serialize, V: Serialize>(
        &self,
        name: &str,
        frame: &F,
        vars: &V,
    ) -> Result<String> {
        if !self.tera.contains_template(name) {
            return Err(Error::TemplateNotFound { name: name.into() });
        }
        let mut context = Context::from_serialize(frame).map_err(|e| Error::Template {
            template: name.into(),
            location: self.location(name, 1, 1),
            message: e.to_string(),
        })?;
        let vars = Context::from_serialize(vars).map_err(|e| Error::Template {
            template: name.into(),
            location: self.location(name, 1, 1),
            message: e.to_string(),
        })?;
        context.extend(vars);
        self.tera
            .render(name, &context)
            .map_err(|e| self.error(e, Some(name)))
    }

    /// Gives `inline_css` the stylesheets of the build about to render.
    pub fn set_stylesheets(&self, sheets: Stylesheets) {
        *self
            .stylesheets
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(sheets);
    }

    /// The stylesheets `inline_css` reads.
    pub fn stylesheets(&self) -> Arc<Stylesheets> {
        let sheets = self
            .stylesheets
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        Arc::clone(&sheets)
    }

    /// Every template's file and text, the site's own before the built-in ones.
    pub fn sources(&self) -> impl Iterator<Item = (&Path, &str)> {
        let (built_in, own): (Vec<&TemplateFile>, Vec<&TemplateFile>) =
            self.files.iter().partition(|o| o.built_in);
        own.into_iter()
            .chain(built_in)
            .map(|o| (o.path.as_path(), o.source.as_str()))
    }

    /// The file template `name` comes from: the site's, or `(built-in template) NAME`.
    pub fn path(&self, name: &str) -> PathBuf {
        self.file(name)
            .map_or_else(|| PathBuf::from(name), |o| o.path.clone())
    }

    /// Whether the site has its own template `name` rather than the built-in one.
    pub fn is_own(&self, name: &str) -> bool {
        self.file(name).is_some_and(|o| !o.built_in)
    }

    fn file(&self, name: &str) -> Option<&TemplateFile> {
        self.files.iter().find(|o| o.name == name)
    }

    fn location(&self, name: &str, line: usize, col: usize) -> Location {
        Location::new(&self.path(name), line, col)
    }

    /// Turns Tera's error into ours, with the template's file, line and column.
    fn error(&self, error: tera::Error, rendering: Option<&str>) -> Error {
        match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let span = report.span();
                let name = if report.filename().is_empty() {
                    rendering.unwrap_or_default()
                } else {
                    report.filename()
                };
                Error::Template {
                    template: name.to_string(),
                    location: self.location(name, span.start_line, span.start_col + 1),
                    message: report.message().to_string(),
                }
            }
            ErrorKind::MissingParent { current, parent } => {
                let (line, col) = self
                    .file(current)
                    .and_then(|o| o.source.find(parent.as_str()).map(|i| (&o.source, i)))
                    .map_or((1, 1), |(s, i)| crate::error::line_col(s, i));
                Error::Template {
                    template: current.clone(),
                    location: self.location(current, line, col),
                    message: format!(
                        "extends `{parent}`, which does not exist: add templates/{parent} or fix the name"
                    ),
                }
            }
            ErrorKind::TemplateNotFound(name) => Error::TemplateNotFound { name: name.clone() },
            _ => {
                let name = rendering.unwrap_or("templates");
                Error::Template {
                    template: name.to_string(),
                    location: self.location(name, 1, 1),
                    message: error.to_string(),
                }
            }
        }
    }
}
