//! `folio import hugo`: reads a Hugo site's configuration in any of its forms and writes
//! folio's `config.toml` beside it, reporting every setting it could not carry over.
//!
//! [`files`] finds the config files, [`parse`] reads each, [`merge`] merges them as Hugo
//! does; [`map`] (with [`languages`], [`menu`], [`math`], [`markup`], [`outputs`],
//! [`permalinks`], [`mounts`]) carries settings into [`folio`]'s shape; [`leftovers`] reports
//! the rest; [`write`] writes the file; [`report`] is what the author reads.

mod error;
mod files;
mod folio;
mod languages;
mod leftovers;
mod lists;
mod map;
mod markup;
mod math;
mod menu;
mod merge;
mod mounts;
mod outputs;
mod parse;
mod permalinks;
mod report;
mod tree;
mod write;

use std::path::PathBuf;

pub use error::{ImportError, Result};
pub use report::{Note, NoteKind, Report, Summary};

use folio::FolioConfig;
use report::Notes;

pub struct ImportOptions {
    /// The Hugo site's folder.
    pub root: PathBuf,
    /// Replace an existing `config.toml`.
    pub force: bool,
}

pub fn hugo(options: &ImportOptions) -> Result<Report> {
    let found = files::find(&options.root)?;
    let target = files::shown(&options.root, "config.toml");
    let main_file = found.files[0].path.clone();
    if main_file == target {
        return Err(ImportError::HugoConfigInTheWay { path: target });
    }
    let replaced = target.exists();
    if replaced && !options.force {
        return Err(ImportError::Exists { path: target });
    }
    let (tree, origins) = merge::load(&found.files)?;
    let mut notes = Notes::new(origins);
    let config = map::folio_config(tree, &mut notes, &main_file)?;
    write::write(&target, &config, &found.files, &options.root)?;
    let mut lines = found.not_read;
    lines.extend(in_order(notes.items));
    Ok(Report {
        notes: lines,
        written: target,
        replaced,
        summary: summary(&config),
    })
}

/// Settings not carried over by key, then what the import set.
fn in_order(mut notes: Vec<Note>) -> Vec<Note> {
    notes.sort_by_key(|n| (n.kind == NoteKind::Set, n.subject.to_lowercase()));
    notes
}

fn summary(config: &FolioConfig) -> Summary {
    let language_menus: usize = config.languages.values().map(|l| l.menu.len()).sum();
    Summary {
        languages: config.languages.keys().cloned().collect(),
        menu_entries: config.menu.len() + language_menus,
        taxonomies: config.taxonomies.clone(),
        extra: config.extra.len(),
    }
}
