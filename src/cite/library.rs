//! Bibliography files: the site's (`[bibliography] file`) and each page's own (front
//! matter `bibliography`), read as BibLaTeX (`.bib`) or Hayagriva YAML (`.yaml`, `.yml`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use hayagriva::Entry;

use crate::content::Source;
use crate::error::{Error, Location};

/// The entries of one or more bibliography files.
#[derive(Debug, Default)]
pub struct Library {
    entries: hayagriva::Library,
    /// The files, for messages.
    files: Vec<PathBuf>,
}

impl Library {
    /// Reads `files`; every bad file is an error at its line and column.
    pub fn load(files: &[PathBuf], at: &Location) -> Result<Library, Vec<Error>> {
        let mut library = Library::default();
        let mut errors = Vec::new();
        for path in files {
            match read(path, at) {
                Ok(entries) => {
                    for entry in entries.iter() {
                        library.entries.push(entry);
                    }
                    library.files.push(path.clone());
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(library)
        } else {
            Err(errors)
        }
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// The files, as a message names them.
    pub fn describe(&self) -> String {
        let names: Vec<String> = self.files.iter().map(|f| f.display().to_string()).collect();
        names.join(", ")
    }
}

/// One file's entries; `at` is where the file is named, for a file that is missing.
fn read(path: &Path, at: &Location) -> Result<hayagriva::Library, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::input(
            at.clone(),
            format!("cannot read the bibliography {}: {e}", path.display()),
        )
    })?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    match extension {
        "bib" => hayagriva::io::from_biblatex_str(&text).map_err(|errors| {
            let first = errors.first();
            let (span, message) = match first {
                Some(hayagriva::io::BibLaTeXError::Parse(e)) => (e.span.start, e.kind.to_string()),
                Some(hayagriva::io::BibLaTeXError::Type(e)) => (e.span.start, e.kind.to_string()),
                None => (0, "unreadable".to_string()),
            };
            Error::input(
                Location::at_offset(path, &text, span, 1),
                format!("invalid BibLaTeX: {message}"),
            )
        }),
        "yaml" | "yml" => hayagriva::io::from_yaml_str(&text).map_err(|e| {
            let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            let message = e.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            Error::input(
                Location::new(path, line, col),
                format!("invalid Hayagriva YAML: {message}"),
            )
        }),
        _ => Err(Error::input(
            at.clone(),
            format!(
                "{}: a bibliography is a BibLaTeX `.bib` or a Hayagriva `.yaml` file",
                path.display()
            ),
        )),
    }
}

/// The site's bibliography and every page's own, read once per build.
#[derive(Debug, Default)]
pub struct Libraries {
    site: Option<Library>,
    /// By the page's Markdown file.
    pages: HashMap<PathBuf, Library>,
}

impl Libraries {
    /// Reads the site's files (relative to `root`; `config_at` is where they are set)
    /// and the files each source names (relative to its Markdown file).
    pub fn load<'s>(
        root: &Path,
        site_files: &[String],
        config_at: &Location,
        sources: impl Iterator<Item = &'s Source>,
    ) -> (Libraries, Vec<Error>) {
        let mut libraries = Libraries::default();
        let mut errors = Vec::new();
        if !site_files.is_empty() {
            let files: Vec<PathBuf> = site_files.iter().map(|f| root.join(f)).collect();
            match Library::load(&files, config_at) {
                Ok(library) => libraries.site = Some(library),
                Err(e) => errors.extend(e),
            }
        }
        for source in sources.filter(|s| !s.meta.bibliography.is_empty()) {
            let folder = source.path.parent().unwrap_or(Path::new(""));
            let files: Vec<PathBuf> = source
                .meta
                .bibliography
                .iter()
                .map(|f| folder.join(f))
                .collect();
            let at = source
                .meta
                .citations_at
                .clone()
                .unwrap_or_else(|| Location::new(&source.path, 1, 1));
            match Library::load(&files, &at) {
                Ok(library) => {
                    libraries.pages.insert(source.path.clone(), library);
                }
                Err(e) => errors.extend(e),
            }
        }
        (libraries, errors)
    }

    /// Where the page at `path` looks a key up: its own files first, then the site's.
    pub fn for_page(&self, path: &Path) -> Vec<&Library> {
        self.pages
            .get(path)
            .into_iter()
            .chain(self.site.as_ref())
            .collect()
    }
}
