//! Math through the whole build: delimiters, macros, feeds with MathML, the cache.

mod common;

use std::process::Command;

use common::{CONFIG, Site, repo};

fn post(body: &str) -> String {
    format!("+++\ntitle = \"M\"\ndate = 2025-01-01\n+++\n{body}")
}

#[test]
fn all_delimiters_render_and_can_be_switched_off() {
    let site = Site::new(CONFIG);
    site.write(
        "content/m.md",
        &post("Inline $a$, \\(b\\), display:\n\n$$c$$\n\n\\[d\\]\n\nPrices $15,000 + $48,000 and \\$5.\n"),
    );
    site.build_ok(&[]);
    let html = site.read("m/index.html");
    for tex in ["a", "b", "c", "d"] {
        assert!(
            html.contains(&format!(
                "<annotation encoding=\"application/x-tex\">{tex}</annotation>"
            )),
            "{tex}"
        );
    }
    assert_eq!(
        html.matches("<div class=\"math-display\" tabindex=\"0\" role=\"group\" aria-label=\"Formula\"><span class=\"katex-display\">")
            .count(),
        2
    );
    assert!(html.contains("Prices $15,000 + $48,000 and $5."));
    // KaTeX's styles, inlined with the fonts at their published URLs.
    assert!(html.contains("url(https://example.org/katex/fonts/KaTeX_Main-Regular.woff2)"));
    assert!(
        site.public()
            .join("katex/fonts/KaTeX_Main-Regular.woff2")
            .is_file()
    );

    site.write(
        "config.toml",
        &format!("{CONFIG}[math]\ninline_backslash = false\ndisplay_dollar = false\n"),
    );
    site.build_ok(&[]);
    let html = site.read("m/index.html");
    assert!(html.contains("<annotation encoding=\"application/x-tex\">a</annotation>"));
    assert!(!html.contains("<annotation encoding=\"application/x-tex\">b</annotation>"));
    assert!(!html.contains("<annotation encoding=\"application/x-tex\">c</annotation>"));
    assert!(html.contains("$$c$$"));
}

#[test]
fn sites_without_math_get_no_katex_files() {
    let site = Site::new(CONFIG);
    site.write("content/p.md", &post("No formulas, just $5 and $6.\n"));
    site.build_ok(&[]);
    assert!(!site.public().join("katex").exists());
    let html = site.read("p/index.html");
    assert!(!html.contains("katex.min.css") && !html.contains("KaTeX_"));
}

#[test]
fn macros_from_config_apply_everywhere() {
    let site = Site::new(&format!(
        "{CONFIG}[math.macros]\n\"\\\\R\" = \"\\\\mathbb{{R}}\"\n"
    ));
    site.write("content/m.md", &post("Let $x \\in \\R^n$.\n"));
    site.build_ok(&[]);
    assert!(
        site.read("m/index.html")
            .contains("<mi mathvariant=\"double-struck\">R</mi>")
    );
}

#[test]
fn feed_summaries_carry_mathml_only() {
    let site = Site::new(CONFIG);
    site.write(
        "content/m.md",
        &post("The loss $\\mathcal{L} = \\sum_i \\ell_i$ is small.\n"),
    );
    site.build_ok(&[]);
    let feed = site.read("index.xml");
    assert!(
        feed.contains("&lt;math xmlns=\"http://www.w3.org/1998/Math/MathML\">"),
        "{feed}"
    );
    assert!(!feed.contains("katex-html"), "no HTML rendering in feeds");
    if !common::feedparser() {
        return;
    }
    let out = Command::new("python3")
        .arg(repo().join("tests/validators/feeds.py"))
        .arg(site.public())
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Builds and checks how many formulas the summary line says were rendered and cached.
fn build_counting(site: &Site, args: &[&str], rendered: usize, cached: usize) {
    let out = site.build_ok(args);
    let counts = format!("(math: {rendered} rendered, {cached} from cache)");
    assert!(out.contains(&counts), "want {counts}: {out}");
}

#[test]
fn warm_rebuild_renders_no_formula() {
    let site = Site::new(CONFIG);
    site.write(
        "content/m.md",
        &post("$x^2$ and $$\\int_0^1 f$$ and $x^2$ again.\n"),
    );
    // Two distinct formulas, each rendered once for the page and the feed summary.
    build_counting(&site, &[], 2, 0);
    build_counting(&site, &[], 0, 2);
    build_counting(&site, &["--no-cache"], 2, 0);
    let files = common::walk(&site.root().join(".folio-cache"));
    let names: Vec<_> = files.iter().map(|f| f.file_name().unwrap()).collect();
    assert_eq!(
        names,
        ["store", "store.lock"],
        "one file holds every formula"
    );
}

#[test]
fn corrupted_cache_entries_are_rendered_again() {
    let site = Site::new(CONFIG);
    site.write("content/m.md", &post("$y$\n"));
    site.build_ok(&[]);
    let before = site.read("m/index.html");
    for entry in common::walk(&site.root().join(".folio-cache")) {
        std::fs::write(entry, "<b>garbage</b>").unwrap();
    }
    build_counting(&site, &[], 1, 0);
    assert_eq!(before, site.read("m/index.html"));
    build_counting(&site, &[], 0, 1);
}

#[test]
fn a_cache_write_cut_short_loses_only_what_it_was_writing() {
    let site = Site::new(CONFIG);
    site.write("content/a.md", &post("$a$\n"));
    site.build_ok(&[]);
    site.write("content/b.md", &post("$b$\n"));
    site.build_ok(&[]);
    let before = site.read("b/index.html");
    let store = site.root().join(".folio-cache/katex/store");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&store)
        .unwrap();
    file.set_len(file.metadata().unwrap().len() - 3).unwrap();
    build_counting(&site, &[], 1, 1);
    assert_eq!(before, site.read("b/index.html"));
    build_counting(&site, &[], 0, 2);
}

#[test]
fn the_cache_of_one_file_per_formula_is_removed() {
    let site = Site::new(CONFIG);
    site.write("content/m.md", &post("$y$\n"));
    let old = site.root().join(".folio-cache/katex/3f");
    std::fs::create_dir_all(&old).unwrap();
    std::fs::write(old.join("0123abcd"), "folio-katex-1\nhash\nhtml").unwrap();
    site.build_ok(&[]);
    assert!(!old.exists());
}

#[test]
fn katex_strict_mode_warnings_name_the_place() {
    let site = Site::new(CONFIG);
    site.write("content/m.md", &post("Fine $x$, and\n\n$$\nv = é\n$$\n"));
    let out = site.build(&[]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/m.md:7:1: KaTeX strict mode: Accented Unicode text character \"é\" used in math mode [unicodeTextInMathMode]"),
        "{stderr}"
    );
    // A warm build warns again.
    let again = site.build(&[]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("unicodeTextInMathMode"));
}

#[test]
fn delimiters_left_on_a_page_are_warned_about() {
    let site = Site::new(CONFIG);
    site.write(
        "content/m.md",
        &post("Fine $x$.\n\n$$\na = 1\n\nb\n$$\n\nAnd \\\\(y\\\\) too.\n"),
    );
    let out = site.build(&[]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for place in [
        "content/m.md:7:1: `$$` is left",
        "content/m.md:11:1: `$$` is left",
        "content/m.md:13:6: `\\(` is left",
    ] {
        assert!(stderr.contains(place), "{place} in {stderr}");
    }
}

/// Runs `folio build --no-cache` on `site` with only `path` to look for programs in.
fn build_with_path(site: &Site, path: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--no-cache", "--root"])
        .arg(site.root())
        .env("PATH", path)
        .output()
        .expect("run folio")
}

/// Node.js and QuickJS give the same pages; `engine = "node"` without Node.js fails
/// saying what to do, and `auto` falls back to QuickJS.
#[test]
fn math_engines_agree_and_a_missing_node_is_explained() {
    let site = Site::new(CONFIG);
    site.write(
        "content/m.md",
        &post("Inline $\\frac{a}{b}^2$.\n\n$$\\sum_i x_i$$\n"),
    );
    let no_programs = tempfile::tempdir().expect("temp dir");
    site.write(
        "config.toml",
        &format!("{CONFIG}[math]\nengine = \"node\"\n"),
    );
    let out = build_with_path(&site, no_programs.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot run KaTeX in Node.js (`node`)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("install Node.js, or set [math] engine"),
        "{stderr}"
    );
    assert!(!site.public().exists());

    site.write(
        "config.toml",
        &format!("{CONFIG}[math]\nengine = \"quickjs\"\n"),
    );
    let out = build_with_path(&site, no_programs.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let quickjs = site.read("m/index.html");
    assert!(
        quickjs.contains("<mfrac><mi>a</mi><mi>b</mi></mfrac>"),
        "{quickjs}"
    );

    site.write("config.toml", CONFIG);
    let out = build_with_path(&site, no_programs.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(site.read("m/index.html"), quickjs, "auto without Node.js");

    site.write(
        "config.toml",
        &format!("{CONFIG}[math]\nengine = \"node\"\n"),
    );
    let node_runs = Command::new("node").arg("--version").output().is_ok();
    if common::present("Node.js (`node`)", node_runs) {
        site.build_ok(&["--no-cache"]);
        assert_eq!(site.read("m/index.html"), quickjs, "Node.js");
    }

    site.write("config.toml", &format!("{CONFIG}[math]\nengine = \"v8\"\n"));
    let stderr = site.build_err(&[]);
    assert!(stderr.contains("config.toml:"), "{stderr}");
    assert!(stderr.contains("unknown variant `v8`"), "{stderr}");
}
