use std::os::unix::fs::MetadataExt;

use super::*;
use crate::progress::Progress;

/// Builds the output `out` from `fill`'s files, as `folio build` does.
fn build(out: &Path, fill: impl FnOnce(&mut Files)) -> Result<()> {
    let staging = Arc::new(Staging::open(out)?);
    let mut files = Files::staged(staging.clone());
    fill(&mut files);
    staging.finish(files, &Progress::default())
}

fn texts(files: &[(&str, &str)]) -> impl FnOnce(&mut Files) {
    let files: Vec<(String, String)> = (files.iter())
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    move |out| {
        for (path, text) in files {
            out.add(path, text.into_bytes(), Origin::built_in());
        }
    }
}

/// Every file below `root` but the marker, with its text.
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

fn owned(files: &[(&str, &str)]) -> Vec<(String, String)> {
    (files.iter())
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

#[test]
fn refuses_to_replace_a_foreign_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("precious.txt"), "keep").unwrap();
    assert!(build(&out, texts(&[("index.html", "x")])).is_err());
    assert_eq!(tree(&out), owned(&[("precious.txt", "keep")]));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_first_build_makes_the_folder_and_leaves_nothing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&out, texts(&[("a/index.html", "one"), ("b.txt", "two")])).unwrap();
    assert_eq!(
        tree(&out),
        owned(&[("a/index.html", "one"), ("b.txt", "two")])
    );
    assert!(out.join(MARKER).is_file());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
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
    build(&out, texts(&first)).unwrap();
    let inode = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
    let (a, b) = (inode("a/index.html"), inode("b/index.html"));
    let second = [
        ("a/index.html", "same"),
        ("b/index.html", "new"),
        ("e/f/index.html", "added"),
    ];
    build(&out, texts(&second)).unwrap();
    assert_eq!(tree(&out), owned(&second));
    assert_eq!(
        inode("a/index.html"),
        a,
        "an unchanged file is not written again"
    );
    assert_ne!(inode("b/index.html"), b, "a changed file is replaced whole");
    assert!(!out.join("c").exists(), "a folder left empty goes");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_failed_build_leaves_the_old_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let first = [("a/index.html", "one"), ("b.txt", "two")];
    build(&out, texts(&first)).unwrap();
    let missing = dir.path().join("no-such-file.png");
    let error = build(&out, |files| {
        texts(&[("a/index.html", "changed"), ("new/index.html", "n")])(files);
        files.add_copy("new/logo.png", missing, Origin::built_in());
    })
    .unwrap_err();
    assert!(error.to_string().contains("logo.png"), "{error}");
    assert_eq!(
        tree(&out),
        owned(&first),
        "nothing staged goes in, nothing old is lost"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_file_where_a_folder_now_goes_and_the_other_way_round() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&out, texts(&[("a", "file"), ("b/c.txt", "x")])).unwrap();
    let second = [("a/index.html", "page"), ("b", "y")];
    build(&out, texts(&second)).unwrap();
    assert_eq!(tree(&out), owned(&second));
}

#[test]
fn a_file_added_again_is_the_later_one_as_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&out, texts(&[("a.txt", "old"), ("b.txt", "old")])).unwrap();
    let second = [
        ("a.txt", "first"),
        ("a.txt", "last"),
        ("b.txt", "new"),
        ("b.txt", "old"),
    ];
    build(&out, texts(&second)).unwrap();
    assert_eq!(tree(&out), owned(&[("a.txt", "last"), ("b.txt", "old")]));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
