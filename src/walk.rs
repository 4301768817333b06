//! Listing the files below a site folder, sorted by name so that nothing folio writes
//! depends on the order the file system returns them in.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Every file below `dir`, sorted; none if `dir` does not exist.
pub fn files_below(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            // Not an I/O error only when the folder links back into itself.
            let source = e.into_io_error().unwrap_or_else(|| {
                std::io::Error::other("a symbolic link here leads back into the folder")
            });
            Error::Io { path, source }
        })?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}
