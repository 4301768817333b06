//! Typed errors for the library. Every error about an input names the file, line and
//! column, says what is wrong and what to do; the binary only prints them.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::output::MARKER;

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
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
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

    /// Two inputs that would write one output file.
    #[error("{}: both {first} and {second} write this file: rename or move one of them", path.display())]
    OutputCollision {
        path: PathBuf,
        first: String,
        second: String,
    },

    #[error(
        "{first}: and {second}: are both the {language} translation of {key}; give one of them another `translationKey`"
    )]
    DuplicateTranslation {
        key: String,
        language: String,
        first: PathBuf,
        second: PathBuf,
    },

    /// A file or folder the site needs is not there.
    #[error("{}: not found: {hint}", path.display())]
    Missing { path: PathBuf, hint: &'static str },

    /// A text file the author wrote that is not UTF-8.
    #[error("{}: is not UTF-8 text: save it as UTF-8", path.display())]
    NotUtf8 { path: PathBuf },

    /// folio will not write over, replace or delete something it did not make.
    #[error("{}: {reason}", path.display())]
    Refused { path: PathBuf, reason: Refusal },

    /// A command-line value that cannot be used.
    #[error("{flag} {value:?}: {problem}")]
    Argument {
        flag: &'static str,
        value: String,
        problem: String,
    },

    /// A Markdown file over `[limits] max_markdown_bytes`.
    #[error("{}: {size} bytes, over the limit of {limit} for a Markdown file: split it, or raise `[limits] max_markdown_bytes` in config.toml", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },

    /// A site that would write more than `[limits] max_files` files.
    #[error(
        "the site would write {count} files, over the limit of {limit}: raise `[limits] max_files` in config.toml if that many is meant"
    )]
    TooManyFiles { count: usize, limit: usize },

    /// Reading or writing failed for a reason outside folio: permissions, a full disk.
    #[error("{}: {source}: check that the path exists and that folio may read and write it", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The system would not start the threads a job needs.
    #[error("cannot start {job}: {source}; free some memory or ask for fewer threads")]
    Threads {
        job: String,
        #[source]
        source: rayon::ThreadPoolBuildError,
    },

    /// `folio serve` cannot listen on its address or watch the site.
    #[error("{subject}: {message}")]
    Serve { subject: String, message: String },

    /// The JavaScript engine `[math] engine` names cannot run KaTeX.
    #[error("{0}")]
    MathEngine(String),

    /// Pagefind failed to index the site.
    #[error(transparent)]
    Search(#[from] crate::search::SearchError),

    /// Several independent errors found in one run, reported together.
    #[error("{}", join_errors(.0))]
    Many(Vec<Error>),
}

/// Why folio refused to touch a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `folio new` and `folio init` never write over a file.
    Exists,
    /// `folio init` only writes into an empty or new folder.
    NotEmpty,
    /// An output folder without folio's marker file.
    NotOurs,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Exists => f.write_str(
                "already exists, and folio never overwrites it: choose another name",
            ),
            Refusal::NotEmpty => f.write_str(
                "is not empty, and folio init only writes into an empty or new folder: choose another folder",
            ),
            Refusal::NotOurs => write!(
                f,
                "this folder was not made by folio (it has no {MARKER} file), so folio will not replace or delete it: move it away or choose another --output"
            ),
        }
    }
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

    pub fn refused(path: &Path, reason: Refusal) -> Self {
        Error::Refused {
            path: path.to_path_buf(),
            reason,
        }
    }

    /// Reads a text file the author wrote, saying what to do when it cannot be read.
    pub fn read_text(path: &Path) -> Result<String> {
        std::fs::read_to_string(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::Missing {
                path: path.to_path_buf(),
                hint: "it was there a moment ago; run the command again",
            },
            std::io::ErrorKind::InvalidData => Error::NotUtf8 {
                path: path.to_path_buf(),
            },
            _ => Error::io(path, e),
        })
    }

    /// The errors this one stands for: itself, or each of `Many`.
    pub fn into_list(self) -> Vec<Error> {
        match self {
            Error::Many(errors) => errors,
            e => vec![e],
        }
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
