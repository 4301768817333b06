//! Writing a site into a fresh folder beside the output folder, which replaces the old
//! one only once complete: for a first build, and for outputs an update cannot handle.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Files, MARKER, MARKER_TEXT, put};
use crate::error::{Error, Refusal, Result};
use crate::progress::Progress;

/// Writes `files` to `out_dir` all at once, leaving the previous output in place on any
/// error.
pub fn write(out_dir: &Path, files: &Files, progress: &Progress) -> Result<()> {
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let pid = std::process::id();
    let fresh = parent.join(format!(".{name}.folio-new-{pid}"));
    remove_ours(&fresh)?;
    if let Err(e) = write_tree(&fresh, files, progress) {
        let _ = remove_ours(&fresh);
        return Err(e);
    }
    if out_dir.exists() {
        let old = parent.join(format!(".{name}.folio-old-{pid}"));
        remove_ours(&old)?;
        std::fs::rename(out_dir, &old).map_err(|e| Error::io(out_dir, e))?;
        if let Err(e) = std::fs::rename(&fresh, out_dir) {
            let _ = std::fs::rename(&old, out_dir);
            let _ = remove_ours(&fresh);
            return Err(Error::io(out_dir, e));
        }
        remove_ours(&old)?;
    } else {
        std::fs::rename(&fresh, out_dir).map_err(|e| Error::io(out_dir, e))?;
    }
    Ok(())
}

fn remove_ours(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.join(MARKER).is_file() && std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(Error::refused(dir, Refusal::NotOurs));
    }
    remove_tree(dir)
}

/// `remove_dir_all` in parallel: a site is mostly folders of one page each, and removing
/// them one by one takes as long as writing them.
fn remove_tree(dir: &Path) -> Result<()> {
    let entries: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)
        .and_then(|d| {
            d.map(|entry| {
                let entry = entry?;
                Ok((entry.path(), entry.file_type()?.is_dir()))
            })
            .collect()
        })
        .map_err(|e| Error::io(dir, e))?;
    entries.par_iter().try_for_each(|(path, is_dir)| {
        if *is_dir {
            remove_tree(path)
        } else {
            std::fs::remove_file(path).map_err(|e| Error::io(path, e))
        }
    })?;
    std::fs::remove_dir(dir).map_err(|e| Error::io(dir, e))
}

fn write_tree(root: &Path, files: &Files, progress: &Progress) -> Result<()> {
    std::fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
    std::fs::write(root.join(MARKER), MARKER_TEXT).map_err(|e| Error::io(root, e))?;
    // Most pages have a folder of their own, so folders are made with their files, in
    // parallel (`create_dir_all` takes a folder made meanwhile by another thread).
    files.par_iter().try_for_each(|(rel, file)| {
        progress.tick();
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        put(&path, &file.content).map_err(|e| Error::io(&path, e))
    })
}
