//! Helpers for integration tests: fixture sites in temporary folders, built with the
//! real `folio` binary.
#![allow(dead_code)] // each test file uses its own part of these helpers

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const CONFIG: &str = "base_url = \"https://example.org/\"\ntitle = \"Fixture\"\n";

pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A site with `config.toml` and nothing else.
    pub fn new(config: &str) -> Self {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("config.toml", config);
        site
    }

    /// A copy of `tests/fixtures/NAME`.
    pub fn fixture(name: &str) -> Self {
        Site {
            dir: copy_fixture(name),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root().join(rel)).unwrap();
    }

    /// Runs `folio build --root SITE` with extra arguments.
    pub fn build(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_folio"))
            .arg("build")
            .arg("--root")
            .arg(self.root())
            .args(args)
            .output()
            .expect("run folio")
    }

    /// Builds and fails the test with folio's stderr if the build fails.
    pub fn build_ok(&self, args: &[&str]) -> String {
        let out = self.build(args);
        assert!(
            out.status.success(),
            "build failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Builds, expecting failure; returns stderr.
    pub fn build_err(&self, args: &[&str]) -> String {
        let out = self.build(args);
        assert_eq!(out.status.code(), Some(1), "expected exit 1");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Every file below `dir` with its bytes, by relative path, sorted.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walk(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The repository root (the shipped site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `shared/` beside the repository, as CI lays it out.
pub fn shared() -> PathBuf {
    repo().join("..").join("shared")
}

/// Whether a test's prerequisite from outside the repository (`../shared`, a validator)
/// is there. Under a plain `cargo test` a missing one skips the test, saying so;
/// `scripts/test.sh` sets `FOLIO_TEST_STRICT=1`, and there it fails the test.
pub fn present(what: &str, is_there: bool) -> bool {
    if is_there {
        return true;
    }
    assert!(
        std::env::var_os("FOLIO_TEST_STRICT").is_none(),
        "{what} is missing, and FOLIO_TEST_STRICT wants every test run: run scripts/test.sh, which installs the validators, beside a shared/ folder"
    );
    eprintln!("skipped: {what} is missing (scripts/test.sh runs this test)");
    false
}

/// A new folder with the author's `hugo.toml`, unchanged, beside a copy of the English
/// posts (`../shared/corpus/chenk-top`), or `None` when `../shared` is not there.
pub fn authors_hugo_site() -> Option<tempfile::TempDir> {
    let corpus = shared().join("corpus/chenk-top");
    let there = corpus.join("hugo.toml").is_file();
    if !present(
        &format!("the author's hugo.toml at {}", corpus.display()),
        there,
    ) {
        return None;
    }
    let site = tempfile::tempdir().unwrap();
    std::fs::copy(corpus.join("hugo.toml"), site.path().join("hugo.toml")).unwrap();
    copy_tree(&corpus.join("content/en"), &site.path().join("content/en"));
    Some(site)
}

/// The Nu HTML Checker's jar (`FOLIO_VNU_JAR`, else the one `scripts/test.sh` installs),
/// if it and Java are here.
pub fn nu_checker() -> Option<PathBuf> {
    let jar = std::env::var_os("FOLIO_VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("tests/validators/node_modules/vnu-jar/build/dist/vnu.jar"));
    let java = Command::new("java").arg("-version").output().is_ok();
    let what = format!("Java and the Nu HTML Checker at {}", jar.display());
    present(&what, java && jar.is_file()).then_some(jar)
}

/// Runs `folio check --root ROOT` and fails the test unless every link is good.
pub fn assert_check_passes(root: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["check", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("all good"), "{stdout}");
}

/// Python 3 with feedparser, which `scripts/test.sh` installs.
pub fn feedparser() -> bool {
    let works = Command::new("python3")
        .args(["-c", "import feedparser"])
        .output()
        .is_ok_and(|out| out.status.success());
    present("Python's feedparser", works)
}

/// Builds the site at `root` with `args` (such as `--no-cache`) into a temporary folder;
/// returns the folder (which removes itself when dropped) and the output in it.
pub fn build_elsewhere(root: &Path, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("build")
        .args(args)
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "folio build --root {}", root.display());
    (dir, out)
}

/// A copy of `tests/fixtures/NAME` in a temporary folder, so tests that build (and may
/// write the math cache) leave the repository alone.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
    dir
}

/// Copies a folder tree (for building the shipped site or the corpus elsewhere).
pub fn copy_tree(from: &Path, to: &Path) {
    for file in walk(from) {
        let rel = file.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&file, &dest).unwrap();
    }
}

/// A copy of `tests/fixtures/NAME` with the shipped theme (`templates/`, `static/`).
pub fn themed_fixture(name: &str) -> tempfile::TempDir {
    let dir = copy_fixture(name);
    for theme in ["templates", "static"] {
        copy_tree(&repo().join(theme), &dir.path().join(theme));
    }
    dir
}

/// The output file `rel` of the site at `root`, rendered in memory through `memo`, as
/// `folio serve` renders on each rebuild.
pub fn render_kept(root: &Path, memo: &folio::render_cache::RenderCache, rel: &str) -> String {
    use folio::site::{self, BuildOptions};
    let options = BuildOptions::new(root);
    let mut loaded = site::Site::load(&options).unwrap();
    let (files, _) = site::render_with(&mut loaded, options.cache, memo).unwrap();
    match files.get(Path::new(rel)) {
        Some(folio::output::FileContent::Bytes(b)) => String::from_utf8(b.clone()).unwrap(),
        _ => panic!("no {rel}"),
    }
}
