//! Page bundles and what the reader's page loads: a post written as a folder publishes
//! its files beside it, its images get their size, lazy loading and (with a title) a
//! figure, a missing image fails the build at its place; KaTeX's and the code
//! stylesheets are linked only where used, KaTeX's fonts swap, and boxes that scroll
//! sideways are focusable and named.

mod common;

use common::Site;

const PAGE: &str = "notes/field-notes/index.html";

#[test]
fn bundle_files_are_published_beside_the_page_in_each_language() {
    let site = Site::fixture("bundles");
    site.build_ok(&[]);
    // The folder `Field-Notes/` names the page, by the slug rules of file names.
    for root in ["", "zh/"] {
        let dir = site.public().join(format!("{root}notes/field-notes"));
        assert!(dir.join("index.html").is_file(), "{}", dir.display());
        for file in ["curve.png", "dot.gif", "data/points.csv"] {
            let from = site.root().join("content/notes/Field-Notes").join(file);
            let to = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(to, std::fs::read(from).unwrap(), "{file}");
        }
        assert!(!dir.join("index.md").exists() && !dir.join("index.zh.md").exists());
    }
    assert!(!site.public().join("notes/field-notes/index/").exists());
    assert!(site.public().join("notes/plain/index.html").is_file());
}

#[test]
fn local_images_get_their_size_lazy_loading_and_titled_ones_a_figure() {
    let site = Site::fixture("bundles");
    site.build_ok(&[]);
    let html = site.read(PAGE);
    let lazy = "loading=\"lazy\" decoding=\"async\"";
    let figure = format!(
        "<figure>\n<img src=\"curve.png\" alt=\"A loss curve\" width=\"64\" height=\"48\" {lazy}>\n<figcaption>Loss falls as training goes on</figcaption>\n</figure>"
    );
    assert!(html.contains(&figure), "{html}");
    // Inline images stay in their sentence; a site-relative one comes from static/.
    assert!(
        html.contains(&format!(
            "<p>Inline, <img src=\"dot.gif\" alt=\"a dot\" width=\"1\" height=\"1\" {lazy}> sits"
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "<img src=\"/img/logo.png\" alt=\"the logo\" width=\"20\" height=\"10\" {lazy}>"
        )),
        "{html}"
    );
    // A labelled figure keeps its number and gets the size too.
    assert!(html.contains(&format!("<figure id=\"fig-curve\">\n<img src=\"curve.png\" alt=\"Labelled\" width=\"64\" height=\"48\" {lazy}>")), "{html}");
    assert!(
        html.contains("<img src=\"https://example.com/remote.png\" alt=\"remote\">"),
        "{html}"
    );
    let zh = site.read(&format!("zh/{PAGE}"));
    assert!(
        zh.contains("<figcaption>训练中损失下降</figcaption>"),
        "{zh}"
    );
    assert!(zh.contains("width=\"64\" height=\"48\""), "{zh}");
}

#[test]
fn a_missing_image_fails_the_build_at_its_line_and_column() {
    let site = Site::fixture("bundles");
    site.write(
        "content/notes/broken/index.md",
        "+++\ntitle = \"Broken\"\n+++\n\nText.\n\nSee ![a chart](chart.png) and ![gone](/img/gone.svg).\n",
    );
    let err = site.build_err(&[]);
    let file = std::path::Path::new("content/notes/broken/index.md");
    let at = |col: usize| format!("{}:7:{col}: the image `", site.root().join(file).display());
    assert!(err.contains(&(at(5) + "chart.png` is missing")), "{err}");
    assert!(
        err.contains(&(at(31) + "/img/gone.svg` is missing")),
        "{err}"
    );
    assert!(!site.public().exists(), "no output after a failed build");
}

#[test]
fn a_bundle_file_that_collides_with_a_page_is_an_error_naming_both() {
    let site = Site::fixture("bundles");
    site.write("content/notes/plain/index.html", "<p>not the page</p>\n");
    let err = site.build_err(&[]);
    assert!(
        err.contains("notes/plain/index.html: both page.html from"),
        "{err}"
    );
    assert!(
        err.contains("content/notes/plain/index.md:1 and copied from"),
        "{err}"
    );
    assert!(err.contains("content/notes/plain/index.html"), "{err}");
}

#[test]
fn markdown_inside_a_bundle_is_an_error() {
    let site = Site::fixture("bundles");
    site.write(
        "content/notes/plain/extra.md",
        "+++\ntitle = \"Extra\"\n+++\n",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("extra.md:1:1: this Markdown file is inside the page bundle"),
        "{err}"
    );
}

#[test]
fn katex_and_code_styles_only_on_pages_that_use_them() {
    let site = Site::fixture("bundles");
    site.build_ok(&[]);
    // Inlined in the head: KaTeX's with its fonts' published URLs, and the code colours.
    let katex = "url(https://example.org/katex/fonts/KaTeX_Main-Regular.woff2)";
    let code = ".hl-";
    let head = |html: &str| html[..html.find("</head>").unwrap()].to_string();
    let maths = head(&site.read("notes/maths/index.html"));
    assert!(maths.contains(katex) && maths.contains(code), "{maths}");
    // A list whose template shows a summary with a formula (the built-in section.html
    // does) gets KaTeX's styles; the home page, which shows titles only, does not.
    let list = site.read("notes/index.html");
    assert!(
        list.contains("class=\"katex\"") && head(&list).contains(katex),
        "{list}"
    );
    for plain in [PAGE, "notes/plain/index.html", "index.html", "404.html"] {
        let html = head(&site.read(plain));
        assert!(
            !html.contains("KaTeX_") && !html.contains(code),
            "{plain}: {html}"
        );
        assert!(
            html.contains("<style>") && !html.contains("<link rel=\"stylesheet\""),
            "{plain}"
        );
    }
    // The stylesheet's fonts never hold text back.
    let css = site.read("katex/katex.min.css");
    let faces = css.matches("@font-face{").count();
    assert!(
        faces > 0 && css.matches("font-display:swap").count() == faces,
        "{css}"
    );
}

#[test]
fn scroll_boxes_are_focusable_and_named_in_the_page_language() {
    let site = Site::fixture("bundles");
    site.build_ok(&[]);
    for (page, [formula, code, table]) in [
        ("notes/maths/index.html", ["Formula", "Code", "Table"]),
        ("zh/notes/maths/index.html", ["公式", "代码", "表格"]),
    ] {
        let html = site.read(page);
        let group = |name: &str| format!("tabindex=\"0\" role=\"group\" aria-label=\"{name}\"");
        assert!(
            html.contains(&format!("<div class=\"math-display\" {}>", group(formula))),
            "{html}"
        );
        assert!(
            html.contains(&format!("<pre class=\"highlight\" {}><code", group(code))),
            "{html}"
        );
        assert!(
            html.contains(&format!("<table tabindex=\"0\" aria-label=\"{table}\">")),
            "{html}"
        );
    }
}

/// The shipped theme: the breadcrumb underlined (its styles are `tests/inline_css.rs`'s).
#[test]
fn shipped_theme_underlines_the_breadcrumb() {
    let out = tempfile::tempdir().unwrap();
    let public = out.path().join("public");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--root"])
        .arg(common::repo())
        .arg("--output")
        .arg(&public)
        .status()
        .unwrap();
    assert!(status.success());
    let read = |rel: &str| std::fs::read_to_string(public.join(rel)).unwrap();
    let css = read("css/site.css");
    assert!(
        css.contains(".eyebrow a { color: var(--link); text-decoration: underline;"),
        "{css}"
    );
}
