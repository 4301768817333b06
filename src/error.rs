//! Typed errors for the library. Every error about an input names the file, line and
//! column, says what is wrong and what to do; the binary only prints them.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in an input file, 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Location {
    pub fn new(path: &Path, line: usize, col: usize) -> Self {
        Self {
            path: path.to_path_buf(),
            line,
            col,
        }
    }

    /// The location of byte `offset` in `text`, shifted by `first_line - 1` lines, for
    /// text that starts partway into a file (front matter, say).
    pub fn at_offset(path: &Path, text: &str, offset: usize, first_line: usize) -> Self {
        let (line, col) = line_col(text, offset);
        Self::new(path, line + first_line - 1, col)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.col)
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input in a file the author wrote: config, front matter, Markdown, math.
    #[error("{location}: {message}")]
    Input { location: Location, message: String },

    /// A template that does not parse or fails to render.
    #[error("{location}: template error in `{template}`: {message}")]
    Template {
        template: String,
        location: Location,
        message: String,
    },

    #[error("template `{name}` is missing: add `templates/{name}` or remove what needs it")]
    TemplateNotFound { name: String },

    #[error("{first}: and {second}: both produce {permalink}; give one of them another `slug`")]
    PermalinkCollision {
        permalink: String,
        first: PathBuf,
        second: PathBuf,
    },

    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: {message}", path.display())]
    Output { path: PathBuf, message: String },

    /// `folio serve` cannot listen on its address or watch the site.
    #[error("{subject}: {message}")]
    Serve { subject: String, message: String },

    /// Pagefind failed to index the site.
    #[error(transparent)]
    Search(#[from] crate::search::SearchError),

    /// Several independent errors found in one run, reported together.
    #[error("{}", join_errors(.0))]
    Many(Vec<Error>),
}

fn join_errors(errors: &[Error]) -> String {
    let mut lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    lines.push(format!("{} errors", errors.len()));
    lines.join("\n")
}

impl Error {
    pub fn input(location: Location, message: impl Into<String>) -> Self {
        Error::Input {
            location,
            message: message.into(),
        }
    }

    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Reads a text file the author wrote, saying what to do when it cannot be read.
    pub fn read_text(path: &Path) -> Result<String> {
        std::fs::read_to_string(path).map_err(|e| {
            let message = match e.kind() {
                std::io::ErrorKind::NotFound => "not found",
                std::io::ErrorKind::InvalidData => "is not UTF-8 text: save it as UTF-8",
                _ => return Error::io(path, e),
            };
            Error::Output {
                path: path.to_path_buf(),
                message: message.into(),
            }
        })
    }

    /// One error stays itself; several become `Many`.
    pub fn collect(mut errors: Vec<Error>) -> Result<()> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Many(errors)),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nçd\nx";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 6), (2, 3));
        assert_eq!(line_col(text, 7), (3, 1));
    }
}
