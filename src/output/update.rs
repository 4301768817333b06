//! Updating an earlier output of folio's in place. A file whose bytes did not change is
//! left alone: rewriting every file costs a warm build most of its time, in creating
//! files and folders the file system then has to free again. Changed and new files are
//! first written beside their place under a temporary name; only once every one is
//! written do they go in place (a rename each) and the files no longer made go. An error
//! before then removes what was staged, leaving the old output as it was.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{FileContent, Files, MARKER, put};
use crate::error::{Error, Result};
use crate::progress::Progress;

/// What an update changes, worked out from the old output's folders and files.
pub struct Plan {
    root: PathBuf,
    /// Folders to make, parents first.
    new_dirs: Vec<PathBuf>,
    /// Files of the old output that this build does not make.
    stale_files: Vec<PathBuf>,
    /// Folders of the old output that hold nothing of this build, children first.
    stale_dirs: Vec<PathBuf>,
}

/// A changed file written under its temporary name, to be renamed to `target`.
struct Staged {
    temp: PathBuf,
    target: PathBuf,
}

impl Plan {
    /// The update of `root` to `files`; `None` when the old output has anything but plain
    /// files and folders, or a file where a folder now goes (or the other way round),
    /// which writing the output afresh handles.
    pub fn new(root: &Path, files: &Files) -> Result<Option<Plan>> {
        let Some((old_dirs, old_files)) = list(root)? else {
            return Ok(None);
        };
        let wanted: BTreeSet<&Path> = files.paths().collect();
        let needed_dirs: BTreeSet<&Path> = wanted
            .iter()
            .flat_map(|path| path.ancestors().skip(1))
            .filter(|dir| !dir.as_os_str().is_empty())
            .collect();
        let clash = needed_dirs.iter().any(|dir| old_files.contains(*dir))
            || wanted.iter().any(|path| old_dirs.contains(*path));
        if clash {
            return Ok(None);
        }
        let marker = Path::new(MARKER);
        Ok(Some(Plan {
            root: root.to_path_buf(),
            new_dirs: (needed_dirs.iter())
                .filter(|dir| !old_dirs.contains(**dir))
                .map(|dir| root.join(dir))
                .collect(),
            stale_files: (old_files.iter())
                .filter(|path| !wanted.contains(path.as_path()) && path.as_path() != marker)
                .map(|path| root.join(path))
                .collect(),
            stale_dirs: (old_dirs.iter().rev())
                .filter(|dir| !needed_dirs.contains(dir.as_path()))
                .map(|dir| root.join(dir))
                .collect(),
        }))
    }

    /// Writes the changed files in place and removes the stale ones.
    pub fn apply(self, files: &Files, progress: &Progress) -> Result<()> {
        let staged = self.stage(files, progress)?;
        staged.par_iter().try_for_each(|file| {
            std::fs::rename(&file.temp, &file.target).map_err(|e| Error::io(&file.target, e))
        })?;
        self.stale_files
            .par_iter()
            .try_for_each(|path| std::fs::remove_file(path).map_err(|e| Error::io(path, e)))?;
        for dir in &self.stale_dirs {
            std::fs::remove_dir(dir).map_err(|e| Error::io(dir, e))?;
        }
        Ok(())
    }

    /// Makes the new folders and writes every changed file under its temporary name; on
    /// any error, removes all it made and gives the first error.
    fn stage(&self, files: &Files, progress: &Progress) -> Result<Vec<Staged>> {
        let made = self
            .new_dirs
            .iter()
            .try_for_each(|dir| std::fs::create_dir(dir).map_err(|e| Error::io(dir, e)));
        let results: Vec<Result<Option<Staged>>> = match made {
            Ok(()) => files
                .par_iter()
                .map(|(rel, file)| {
                    progress.tick();
                    stage_file(&self.root.join(rel), &file.content)
                })
                .collect(),
            Err(e) => vec![Err(e)],
        };
        let mut staged = Vec::new();
        let mut first_error = None;
        for result in results {
            match result {
                Ok(Some(file)) => staged.push(file),
                Ok(None) => {}
                Err(e) => first_error = first_error.or(Some(e)),
            }
        }
        match first_error {
            Some(e) => {
                self.roll_back(&staged);
                Err(e)
            }
            None => Ok(staged),
        }
    }

    fn roll_back(&self, staged: &[Staged]) {
        for file in staged {
            let _ = std::fs::remove_file(&file.temp);
        }
        for dir in self.new_dirs.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// Writes `content` beside `target` under a temporary name, unless `target` holds it.
fn stage_file(target: &Path, content: &FileContent) -> Result<Option<Staged>> {
    if holds(target, content) {
        return Ok(None);
    }
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temp = target.with_file_name(format!(".{name}.folio-new-{}", std::process::id()));
    if let Err(e) = put(&temp, content) {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::io(target, e));
    }
    let target = target.to_path_buf();
    Ok(Some(Staged { temp, target }))
}

/// Whether the file at `path` already holds `content`; sizes are compared first, so most
/// changed files are not read.
fn holds(path: &Path, content: &FileContent) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    let same = |bytes: &[u8]| {
        meta.len() == bytes.len() as u64 && std::fs::read(path).is_ok_and(|old| old == bytes)
    };
    match content {
        FileContent::Bytes(bytes) => same(bytes),
        FileContent::Copy(from) => {
            std::fs::metadata(from).is_ok_and(|m| m.len() == meta.len())
                && std::fs::read(from).is_ok_and(|bytes| same(&bytes))
        }
    }
}

/// The folders and files below `root`, relative to it, sorted so that a folder comes
/// before what it holds; `None` if anything there is neither a file nor a folder.
type Listing = (BTreeSet<PathBuf>, BTreeSet<PathBuf>);

fn list(root: &Path) -> Result<Option<Listing>> {
    let (mut dirs, mut files) = (BTreeSet::new(), BTreeSet::new());
    for entry in walkdir::WalkDir::new(root).min_depth(1) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(root).to_path_buf();
            // Links are not followed, so every error is an I/O error.
            let source = e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("unreadable"));
            Error::io(&path, source)
        })?;
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let kind = entry.file_type();
        if kind.is_dir() {
            dirs.insert(rel.to_path_buf());
        } else if kind.is_file() {
            files.insert(rel.to_path_buf());
        } else {
            return Ok(None);
        }
    }
    Ok(Some((dirs, files)))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::MetadataExt;

    use super::*;
    use crate::origin::Origin;
    use crate::output::write;

    fn site(files: &[(&str, &str)]) -> Files {
        let mut site = Files::default();
        for (path, text) in files {
            site.add(*path, text.as_bytes().to_vec(), Origin::built_in());
        }
        site
    }

    /// Every path below `root` with its text, so tests see all that is there.
    fn tree(root: &Path) -> Vec<(String, String)> {
        crate::walk::files_below(root)
            .unwrap()
            .into_iter()
            .map(|path| {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                (rel, std::fs::read_to_string(&path).unwrap())
            })
            .filter(|(rel, _)| rel != MARKER)
            .collect()
    }

    #[test]
    fn leaves_unchanged_files_alone_and_removes_what_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = [
            ("a/index.html", "same"),
            ("b/index.html", "old"),
            ("c/d/x.txt", "gone"),
        ];
        write(&out, &site(&first), &Progress::default()).unwrap();
        let inode = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
        let (a, b) = (inode("a/index.html"), inode("b/index.html"));
        let second = [
            ("a/index.html", "same"),
            ("b/index.html", "new"),
            ("e/f/index.html", "added"),
        ];
        write(&out, &site(&second), &Progress::default()).unwrap();
        let expected = [
            ("a/index.html", "same"),
            ("b/index.html", "new"),
            ("e/f/index.html", "added"),
        ];
        let expected: Vec<_> = (expected.iter())
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        assert_eq!(tree(&out), expected);
        assert_eq!(
            inode("a/index.html"),
            a,
            "an unchanged file is not written again"
        );
        assert_ne!(inode("b/index.html"), b, "a changed file is replaced whole");
        assert!(!out.join("c").exists(), "a folder left empty goes");
        assert!(out.join(MARKER).is_file());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_update_leaves_the_old_output_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = [("a/index.html", "one"), ("b.txt", "two")];
        write(&out, &site(&first), &Progress::default()).unwrap();
        let mut second = site(&[("a/index.html", "changed"), ("new/index.html", "n")]);
        let missing = dir.path().join("no-such-file.png");
        second.add_copy("new/logo.png", missing, Origin::built_in());
        let error = write(&out, &second, &Progress::default()).unwrap_err();
        assert!(error.to_string().contains("logo.png"), "{error}");
        let before: Vec<_> = (first.iter())
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        assert_eq!(
            tree(&out),
            before,
            "nothing staged is left, nothing old is lost"
        );
        assert!(!out.join("new").exists());
    }

    #[test]
    fn a_file_where_a_folder_now_goes_is_written_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(
            &out,
            &site(&[("a", "file"), ("b/c.txt", "x")]),
            &Progress::default(),
        )
        .unwrap();
        assert!(
            Plan::new(&out, &site(&[("a/index.html", "page")]))
                .unwrap()
                .is_none()
        );
        write(
            &out,
            &site(&[("a/index.html", "page"), ("b", "y")]),
            &Progress::default(),
        )
        .unwrap();
        let expected = vec![
            ("a/index.html".into(), "page".into()),
            ("b".into(), "y".into()),
        ];
        assert_eq!(tree(&out), expected);
    }
}
