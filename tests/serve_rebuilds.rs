//! What `folio serve` keeps between rebuilds (the files it read, the outputs it rendered)
//! must never show: after any edit, a rebuild gives exactly what a fresh build gives.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::Site;
use folio::content::ReadCache;
use folio::math::CacheUse;
use folio::output::{FileContent, Files};
use folio::render_cache::RenderCache;
use folio::site::{self, BuildOptions};
use rayon::prelude::*;

const CONFIG: &str = "base_url = \"https://example.org/\"\ntitle = \"Fixture\"\ntaxonomies = [\"tags\"]\n\n[math.macros]\n\"\\\\R\" = \"\\\\mathbb{R}\"\n";

/// Writes `content/posts/NAME.md`, with its title, date and tag.
fn write_post(site: &Site, name: &str, (title, date, tag): (&str, &str, &str), body: &str) {
    let text = format!("+++\ntitle = \"{title}\"\ndate = {date}\ntags = [\"{tag}\"]\n+++\n{body}");
    site.write(&format!("content/posts/{name}.md"), &text);
}

/// A small blog with formulas, a shared tag and a list of posts.
fn blog() -> Site {
    let site = Site::new(CONFIG);
    site.write("content/posts/_index.md", "+++\ntitle = \"Posts\"\n+++\n");
    write_post(
        &site,
        "a",
        ("Alpha", "2025-01-01", "maths"),
        "Let $x \\in \\R$ be real.\n",
    );
    write_post(
        &site,
        "b",
        ("Beta", "2025-01-02", "maths"),
        "$$\n\\sum_i x_i\n$$\n",
    );
    write_post(
        &site,
        "c",
        ("Gamma", "2025-01-03", "prose"),
        "Only words here.\n",
    );
    site
}

/// A serve-style rebuild: a site loaded through `reads`, rendered through `memo`.
struct Rebuilds {
    options: BuildOptions,
    memo: RenderCache,
    reads: ReadCache,
}

impl Rebuilds {
    fn new(root: &Path) -> Self {
        let mut options = BuildOptions::new(root);
        options.cache = CacheUse::Off;
        Rebuilds {
            options,
            memo: RenderCache::default(),
            reads: ReadCache::default(),
        }
    }

    fn rebuild(&mut self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut loaded = site::Site::load_reusing(&self.options, Some(&mut self.reads)).unwrap();
        let (files, _) = site::render_with(&mut loaded, self.options.cache, &self.memo).unwrap();
        bytes(&files)
    }

    /// Fails unless a rebuild now gives every file a fresh build gives, byte for byte.
    fn rebuild_matches_a_fresh_build(&mut self, after: &str) -> BTreeMap<PathBuf, Vec<u8>> {
        let rebuilt = self.rebuild();
        let mut fresh = site::Site::load(&self.options).unwrap();
        let (files, _) = site::render(&mut fresh, self.options.cache).unwrap();
        let fresh = bytes(&files);
        assert_eq!(
            rebuilt.keys().collect::<Vec<_>>(),
            fresh.keys().collect::<Vec<_>>(),
            "after {after}"
        );
        for (path, bytes) in &fresh {
            assert!(
                rebuilt[path] == *bytes,
                "after {after}, {} differs from a fresh build's:\n{}",
                path.display(),
                String::from_utf8_lossy(&rebuilt[path])
            );
        }
        rebuilt
    }
}

fn bytes(files: &Files) -> BTreeMap<PathBuf, Vec<u8>> {
    files
        .par_iter()
        .filter_map(|(path, file)| match &file.content {
            FileContent::Bytes(b) => Some((path.clone(), b.clone())),
            FileContent::Copy(_) | FileContent::Written => None,
        })
        .collect()
}

fn text(files: &BTreeMap<PathBuf, Vec<u8>>, path: &str) -> String {
    String::from_utf8(files[Path::new(path)].clone()).unwrap()
}

#[test]
fn every_rebuild_gives_what_a_fresh_build_gives() {
    let site = blog();
    let mut rebuilds = Rebuilds::new(site.root());
    rebuilds.rebuild_matches_a_fresh_build("the first build");

    write_post(
        &site,
        "c",
        ("Gamma", "2025-01-03", "prose"),
        "Only words here, and more.\n",
    );
    let out = rebuilds.rebuild_matches_a_fresh_build("an edit to a body");
    assert!(text(&out, "posts/c/index.html").contains("and more."));

    write_post(
        &site,
        "a",
        ("Alpha", "2025-01-01", "maths"),
        "Let $y \\in \\R$ be real.\n",
    );
    rebuilds.rebuild_matches_a_fresh_build("an edit to a formula");

    // The pages' bodies are unchanged, but every formula with `\R` is typeset anew.
    site.write("config.toml", &CONFIG.replace("mathbb", "mathbf"));
    let out = rebuilds.rebuild_matches_a_fresh_build("a change to a math macro");
    assert!(text(&out, "posts/a/index.html").contains("mathbf"));

    // A title shows in the lists: the section's, the tag's, the home page's and the feeds.
    write_post(
        &site,
        "b",
        ("Beta Renamed", "2025-01-02", "maths"),
        "$$\n\\sum_i x_i\n$$\n",
    );
    let out = rebuilds.rebuild_matches_a_fresh_build("a new title");
    for list in ["posts/index.html", "tags/maths/index.html", "index.xml"] {
        assert!(text(&out, list).contains("Beta Renamed"), "{list}");
    }

    std::fs::remove_file(site.root().join("content/posts/c.md")).unwrap();
    let out = rebuilds.rebuild_matches_a_fresh_build("a removed post");
    assert!(!out.contains_key(Path::new("posts/c/index.html")));
    assert!(!text(&out, "posts/index.html").contains("Gamma"));
}

/// Two saves within the clock's granularity can leave a file's size and time as they
/// were; the watcher's report of the change is what makes the file read again.
#[test]
fn a_file_saved_with_its_old_size_and_time_is_read_again_once_reported() {
    let site = blog();
    let mut rebuilds = Rebuilds::new(site.root());
    rebuilds.rebuild();
    let path = site.root().join("content/posts/c.md");
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    write_post(
        &site,
        "c",
        ("Gamma", "2025-01-03", "prose"),
        "Only WORDS here.\n",
    );
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);

    let stale = rebuilds.rebuild();
    assert!(
        text(&stale, "posts/c/index.html").contains("Only words here."),
        "an unchanged size and time is taken for an unchanged file"
    );
    rebuilds
        .reads
        .forget(&[PathBuf::from("content/posts/c.md")]);
    let fresh = rebuilds.rebuild();
    assert!(text(&fresh, "posts/c/index.html").contains("Only WORDS here."));
}

/// Formulas kept in memory between rebuilds are only those typeset cleanly: a bad one
/// is reported on every rebuild, as on every build.
#[test]
fn a_bad_formula_warns_on_every_rebuild() {
    let site = blog();
    let warn = "[math]\nerrors = \"warn\"\n\n[math.macros]";
    site.write("config.toml", &CONFIG.replace("[math.macros]", warn));
    write_post(
        &site,
        "c",
        ("Gamma", "2025-01-03", "prose"),
        "Bad: $\\frac{1}{$.\n",
    );
    let mut rebuilds = Rebuilds::new(site.root());
    for build in ["first", "second"] {
        let mut loaded =
            site::Site::load_reusing(&rebuilds.options, Some(&mut rebuilds.reads)).unwrap();
        let (_, report) = site::render_with(&mut loaded, CacheUse::Off, &rebuilds.memo).unwrap();
        assert!(
            report.warnings.iter().any(|w| w.contains("c.md:6:")),
            "the {build} build: {:?}",
            report.warnings
        );
    }
}

/// What a fresh build gives, by output path.
fn fresh_build(options: &BuildOptions) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut fresh = site::Site::load(options).unwrap();
    bytes(&site::render(&mut fresh, options.cache).unwrap().0)
}

/// `folio serve`'s fast path: a page edited in its body alone, rendered on its own
/// against the site as the last whole render left it, is the very page a fresh build
/// gives; an edit it cannot render on its own is left to the whole render.
#[test]
fn a_page_rendered_on_its_own_is_the_page_a_fresh_build_gives() {
    let site = blog();
    let numbered = |more: &str| {
        let body =
            format!("$$\n\\sum_i x_i \\label{{eq:sum}}\n$$\n\nBy \\eqref{{eq:sum}}.{more}\n");
        write_post(&site, "b", ("Beta", "2025-01-02", "maths"), &body);
    };
    numbered("");
    let options = Rebuilds::new(site.root()).options;
    let loaded = site::Site::load(&options).unwrap();
    let memo = RenderCache::default();
    let (_, _, mut model) = site::render_keeping(loaded, &options, &memo).unwrap();
    let highlighter = OnceLock::new();
    let mut fast = |rel: &str| model.render_pages(&[PathBuf::from(rel)], &highlighter);

    let code = "Only words here, and more.\n\n```rust\nfn main() {}\n```\n";
    write_post(&site, "c", ("Gamma", "2025-01-03", "prose"), code);
    let pages = fast("content/posts/c.md").expect("a body edit renders on its own");
    let fresh = fresh_build(&options);
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].0, Path::new("posts/c/index.html"));
    assert_eq!(
        String::from_utf8_lossy(&pages[0].1),
        text(&fresh, "posts/c/index.html")
    );
    assert!(text(&fresh, "posts/c/index.html").contains("and more."));

    // A formula no page had is typeset for it.
    let formula = "Let $y \\in \\R^3$ be real.\n";
    write_post(&site, "a", ("Alpha", "2025-01-01", "maths"), formula);
    let pages = fast("content/posts/a.md").expect("a new formula renders on its own");
    let fresh = fresh_build(&options);
    let page = text(&fresh, "posts/a/index.html");
    assert!(page.contains("class=\"katex\""), "{page}");
    assert_eq!(String::from_utf8_lossy(&pages[0].1), page);

    // A page whose references are resolved across the site.
    numbered(" And more.");
    let pages = fast("content/posts/b.md").expect("a numbered page renders on its own");
    let fresh = fresh_build(&options);
    let page = text(&fresh, "posts/b/index.html");
    assert!(page.contains("And more.") && page.contains("(1)"), "{page}");
    assert_eq!(String::from_utf8_lossy(&pages[0].1), page);

    // A bad edit is never shown half made: the whole render reports it.
    let bad = "Bad: $\\frac{1}{$.\n";
    write_post(&site, "c", ("Gamma", "2025-01-03", "prose"), bad);
    assert!(fast("content/posts/c.md").is_none(), "a bad formula");
    site.write("content/posts/c.md", "+++\ntitle = \n+++\nText.\n");
    assert!(fast("content/posts/c.md").is_none(), "bad front matter");
    let unknown = "See \\eqref{eq:nowhere}.\n";
    write_post(&site, "c", ("Gamma", "2025-01-03", "prose"), unknown);
    assert!(fast("content/posts/c.md").is_none(), "an unknown label");
    // And so are edits that add or move pages, or change what every page shows.
    write_post(&site, "d", ("Delta", "2025-01-04", "prose"), "New.\n");
    assert!(fast("content/posts/d.md").is_none(), "a new page");
    let slug = "+++\ntitle = \"Beta\"\nslug = \"moved\"\n+++\nText.\n";
    site.write("content/posts/b.md", slug);
    assert!(fast("content/posts/b.md").is_none(), "a page at a new URL");
    assert!(fast("content/posts/_index.md").is_none(), "a section");
    assert!(fast("config.toml").is_none(), "the configuration");
}
