//! What `folio import hugo` tells the author: one line for each Hugo setting it could not
//! carry over and why, one for each value it chose itself, and a last line of what it wrote.

use std::fmt;
use std::path::PathBuf;

use toml::Value;

use super::merge::Origins;
use super::tree::KeyPath;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKind {
    /// A Hugo setting that folio's config does not carry.
    NotCarried,
    /// A value of folio's config that the import chose, not the author.
    Set,
    /// A config file that Hugo does not read either.
    NotRead,
}

#[derive(Debug, Clone)]
pub struct Note {
    /// The config file the setting came from, as shown to the author.
    pub file: Option<String>,
    /// `key = value`, or a key alone.
    pub subject: String,
    pub kind: NoteKind,
    pub why: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}: ")?;
        }
        match self.kind {
            NoteKind::NotCarried => write!(f, "{}: not carried over: {}", self.subject, self.why),
            NoteKind::Set => write!(f, "set {}: {}", self.subject, self.why),
            NoteKind::NotRead => write!(f, "not read: {}", self.why),
        }
    }
}

/// Notes as the mapping finds them, each with the file its setting came from.
#[derive(Default)]
pub struct Notes {
    origins: Origins,
    pub items: Vec<Note>,
}

impl Notes {
    pub fn new(origins: Origins) -> Self {
        Self {
            origins,
            items: Vec::new(),
        }
    }

    pub fn not_carried(&mut self, path: &KeyPath, value: Option<&Value>, why: impl Into<String>) {
        let subject = match value {
            Some(value) => format!("{path} = {}", show(value)),
            None => path.to_string(),
        };
        self.items.push(Note {
            file: self.origins.file_of(path),
            subject,
            kind: NoteKind::NotCarried,
            why: why.into(),
        });
    }

    pub fn wrong_type(&mut self, path: &KeyPath, value: &Value, expected: &str) {
        self.not_carried(path, Some(value), format!("not {expected}"));
    }

    /// A Hugo default (no setting written) that folio does not share.
    pub fn default_differs(&mut self, subject: String, why: impl Into<String>) {
        self.items.push(Note {
            file: None,
            subject,
            kind: NoteKind::NotCarried,
            why: why.into(),
        });
    }

    pub fn set(&mut self, subject: impl Into<String>, why: impl Into<String>) {
        self.items.push(Note {
            file: None,
            subject: subject.into(),
            kind: NoteKind::Set,
            why: why.into(),
        });
    }

    pub fn origins(&self) -> &Origins {
        &self.origins
    }

    /// The notes as printed.
    #[cfg(test)]
    pub fn lines(&self) -> Vec<String> {
        self.items.iter().map(ToString::to_string).collect()
    }
}

/// A value as TOML writes it inline, cut short when long.
pub fn show(value: &Value) -> String {
    const MAX: usize = 80;
    let text = value.to_string();
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// What the written config holds, for the last line.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub languages: Vec<String>,
    pub menu_entries: usize,
    pub taxonomies: Vec<String>,
    pub extra: usize,
}

#[derive(Debug)]
pub struct Report {
    pub notes: Vec<Note>,
    pub written: PathBuf,
    pub replaced: bool,
    pub summary: Summary,
}

impl Report {
    pub fn not_carried(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| n.kind == NoteKind::NotCarried)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for note in &self.notes {
            writeln!(f, "{note}")?;
        }
        let s = &self.summary;
        let verb = if self.replaced { "replaced" } else { "wrote" };
        write!(f, "{verb} {}: ", self.written.display())?;
        if !s.languages.is_empty() {
            write!(f, "languages {}; ", s.languages.join(", "))?;
        }
        write!(
            f,
            "{}; taxonomies {}; {} in [extra]; ",
            count(s.menu_entries, "menu entry", "menu entries"),
            list_or_none(&s.taxonomies),
            count(s.extra, "value", "values"),
        )?;
        match self.not_carried().count() {
            0 => write!(f, "every Hugo setting carried over"),
            n => write!(
                f,
                "{} not carried over (above)",
                count(n, "Hugo setting", "Hugo settings")
            ),
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}
