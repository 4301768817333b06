//! Where each output file came from: what made it (a template, the feed or sitemap
//! writer, …) and from which input (a Markdown file and line, or a `config.toml` key).
//! Recorded when the file is rendered, so `folio check` and `folio serve` can name the
//! source of any output file without working it out again.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub maker: Maker,
    pub input: Option<Input>,
}

/// What wrote an output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Maker {
    /// The template of this name (the site's own or the built-in one).
    Template(&'static str),
    /// Page `number` (from 2) of a list split by `paginate_by`, by its list's template.
    Pager {
        template: &'static str,
        number: usize,
    },
    Feed,
    Redirect,
    Sitemap,
    Robots,
    /// Pagefind's search bundle: an index file, or its script, styles and WebAssembly.
    SearchIndex,
    /// A file built into folio: its stylesheets, KaTeX's stylesheet and fonts.
    BuiltIn,
    /// A file copied as is.
    Copy,
}

/// The input an output file was made from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A Markdown file, and the line where what the output shows begins.
    Markdown { path: PathBuf, line: usize },
    /// A key of `config.toml`.
    Config { path: PathBuf, key: &'static str },
    /// A folder below `content/` with no `_index.md`, which makes a section.
    Folder(PathBuf),
    /// A file of `static/`.
    Static(PathBuf),
    /// A file of a page bundle, published beside its page.
    Bundle(PathBuf),
}

impl Origin {
    pub fn new(maker: Maker, input: Option<Input>) -> Self {
        Self { maker, input }
    }

    /// A file built into folio.
    pub fn built_in() -> Self {
        Self::new(Maker::BuiltIn, None)
    }

    /// The Markdown file the output was made from, if any.
    pub fn markdown(&self) -> Option<&Path> {
        match &self.input {
            Some(Input::Markdown { path, .. }) => Some(path),
            _ => None,
        }
    }
}

impl Input {
    /// The whole of the Markdown file at `path`.
    pub fn markdown(path: &Path) -> Self {
        Input::Markdown {
            path: shown(path),
            line: 1,
        }
    }

    pub fn config(path: &Path, key: &'static str) -> Self {
        Input::Config {
            path: shown(path),
            key,
        }
    }
}

/// `./content/a.md` → `content/a.md`, for shorter messages.
pub fn shown(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

impl fmt::Display for Maker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Maker::Template(name) => f.write_str(name),
            Maker::Pager { template, number } => write!(f, "{template} (page {number})"),
            Maker::Feed => f.write_str("feed"),
            Maker::Redirect => f.write_str("redirect page"),
            Maker::Sitemap => f.write_str("sitemap"),
            Maker::Robots => f.write_str("robots.txt"),
            Maker::SearchIndex => f.write_str("search index"),
            Maker::BuiltIn => f.write_str("built into folio"),
            Maker::Copy => f.write_str("copied"),
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Markdown { path, line } => write!(f, "{}:{line}", path.display()),
            Input::Config { path, key } => write!(f, "{} `{key}`", path.display()),
            Input::Folder(path) => write!(f, "{}/", path.display()),
            Input::Static(path) | Input::Bundle(path) => write!(f, "{}", path.display()),
        }
    }
}

/// `page.html from content/a.md:1`, `sitemap`.
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.input {
            Some(input) => write!(f, "{} from {input}", self.maker),
            None => write!(f, "{}", self.maker),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_made_a_file_and_from_what() {
        let page = Origin::new(
            Maker::Template("page.html"),
            Some(Input::markdown(Path::new("./content/a.md"))),
        );
        assert_eq!(page.to_string(), "page.html from content/a.md:1");
        assert_eq!(page.markdown(), Some(Path::new("content/a.md")));
        let list = Origin::new(
            Maker::Feed,
            Some(Input::config(Path::new("config.toml"), "taxonomies")),
        );
        assert_eq!(list.to_string(), "feed from config.toml `taxonomies`");
        let pager = Origin::new(
            Maker::Pager {
                template: "section.html",
                number: 2,
            },
            Some(Input::markdown(Path::new("content/posts/_index.md"))),
        );
        assert_eq!(
            pager.to_string(),
            "section.html (page 2) from content/posts/_index.md:1"
        );
        assert_eq!(list.markdown(), None);
    }
}
