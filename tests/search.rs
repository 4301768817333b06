//! Search (issue 12) on the files folio writes: Pagefind's bundle with one index per
//! language and one fragment per indexed page, formulas by their TeX source, Chinese in
//! words, pages left out by front matter, and the search page, the only one with script.
//! `scripts/search-browser-check.sh` searches the same bundles in Chromium.

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{CONFIG, Site, copy_fixture, repo, snapshot, walk};
use serde_json::Value;

/// What a built bundle holds, decoded.
struct Bundle {
    entry: Value,
    /// Each page's fragment: `url`, `content`, `meta.title`, `word_count`, …
    fragments: Vec<Value>,
    /// The word index chunks (CBOR), decompressed.
    chunks: Vec<Vec<u8>>,
}

impl Bundle {
    fn read(public: &Path) -> Bundle {
        let dir = public.join("pagefind");
        let entry = std::fs::read_to_string(dir.join("pagefind-entry.json")).unwrap();
        let fragments = files(&dir.join("fragment"))
            .iter()
            .map(|f| serde_json::from_slice(&pagefind_decode(f)).unwrap())
            .collect();
        Bundle {
            entry: serde_json::from_str(&entry).unwrap(),
            fragments,
            chunks: files(&dir.join("index"))
                .iter()
                .map(|f| pagefind_decode(f))
                .collect(),
        }
    }

    fn languages(&self) -> Vec<&str> {
        let languages = self.entry["languages"].as_object().unwrap();
        languages.keys().map(String::as_str).collect()
    }

    fn page_count(&self, lang: &str) -> u64 {
        self.entry["languages"][lang]["page_count"]
            .as_u64()
            .unwrap()
    }

    fn urls(&self) -> BTreeSet<&str> {
        self.fragments
            .iter()
            .map(|f| f["url"].as_str().unwrap())
            .collect()
    }

    fn fragment(&self, url: &str) -> &Value {
        let found = self.fragments.iter().find(|f| f["url"] == url);
        found.unwrap_or_else(|| panic!("no fragment for {url}"))
    }

    /// Whether `word` is a word of the index on its own, not only inside a longer one:
    /// each word is a CBOR text string, its length in its first byte.
    fn has_word(&self, word: &str) -> bool {
        let mut needle = vec![0x60 + u8::try_from(word.len()).unwrap()];
        needle.extend(word.as_bytes());
        assert!(word.len() < 24, "a longer word has a longer CBOR header");
        (self.chunks.iter()).any(|c| c.windows(needle.len()).any(|w| w == needle.as_slice()))
    }
}

fn files(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
}

/// Pagefind's files are gzip of `pagefind_dcd` and the data.
fn pagefind_decode(path: &Path) -> Vec<u8> {
    let mut data = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_end(&mut data)
        .unwrap();
    data.strip_prefix(b"pagefind_dcd").unwrap().to_vec()
}

/// The shipped site, built once for every test of this file.
fn shipped() -> &'static Path {
    static BUILT: OnceLock<tempfile::TempDir> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
                .args(["build", "--root"])
                .arg(repo())
                .arg("--output")
                .arg(dir.path().join("public"))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            dir
        })
        .path()
}

/// `/LANG/…/` of every page of the shipped site in language folder `lang` (every
/// Markdown file but `_index.md`), ASCII lowercased and percent-encoded as in links.
fn shipped_page_urls(lang: &str) -> BTreeSet<String> {
    let content = repo().join("content").join(lang);
    walk(&content)
        .iter()
        .filter(|p| p.file_name().unwrap() != "_index.md")
        .map(|p| {
            let rel = p.strip_prefix(&content).unwrap().with_extension("");
            let path = format!("/{lang}/{}/", rel.to_string_lossy().to_ascii_lowercase());
            percent_encoding::utf8_percent_encode(&path, URL_PATH).to_string()
        })
        .collect()
}

/// What a link's path keeps unescaped, for the shipped file names (letters, digits, `-`).
const URL_PATH: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'/');

#[test]
fn shipped_site_indexes_every_page_once_in_its_language() {
    let bundle = Bundle::read(&shipped().join("public"));
    let (en, zh) = (shipped_page_urls("en"), shipped_page_urls("zh"));
    assert_eq!(bundle.languages(), ["en", "zh-cn"]);
    assert_eq!(bundle.page_count("en"), en.len() as u64);
    assert_eq!(bundle.page_count("zh-cn"), zh.len() as u64);
    let expected: BTreeSet<String> = en.into_iter().chain(zh).collect();
    let urls: BTreeSet<String> = bundle.urls().into_iter().map(String::from).collect();
    assert_eq!(
        urls, expected,
        "pages only, one fragment each: no lists, terms, 404 or redirects"
    );
    assert_eq!(
        bundle.fragments.len(),
        expected.len(),
        "one fragment per page"
    );
    for fragment in &bundle.fragments {
        assert!(
            fragment["word_count"].as_u64().unwrap() > 100,
            "{}",
            fragment["url"]
        );
    }
}

#[test]
fn a_page_is_indexed_as_its_text_with_formulas_as_tex() {
    let bundle = Bundle::read(&shipped().join("public"));
    let post = bundle.fragment("/en/transfer-learning/05-knowledge-distillation/");
    assert_eq!(
        post["meta"]["title"],
        "Transfer Learning (5): Knowledge Distillation"
    );
    let text = post["content"].as_str().unwrap();
    assert!(text.contains("distillation"), "{text}");
    // A formula by its TeX source, and code as its text.
    assert!(text.contains("$T^2$"), "{text}");
    assert!(text.contains("def "), "code blocks are indexed: {text}");
    // Nothing of KaTeX's rendering (mathematical italic letters, MathML) or the theme.
    for markup in ['𝑇', '⁡'] {
        assert!(!text.contains(markup), "KaTeX's {markup:?} in {text}");
    }
    for chrome in [
        "Skip to content",
        "min read",
        "Built with folio",
        "Previous: Part",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} is indexed");
    }
    let anchors = post["anchors"].as_array().unwrap();
    assert!(
        anchors
            .iter()
            .any(|a| a["text"] == "Softmax with temperature"),
        "headings are sub-results, without their # links: {anchors:?}"
    );
    assert!(bundle.has_word("distil"), "English is stemmed");
}

#[test]
fn only_the_search_page_loads_script_and_every_page_links_to_it() {
    let public = shipped().join("public");
    let with_script: Vec<PathBuf> = walk(&public)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .filter(|p| std::fs::read_to_string(p).unwrap().contains("<script"))
        .map(|p| p.strip_prefix(&public).unwrap().to_path_buf())
        .collect();
    assert_eq!(
        with_script,
        [
            PathBuf::from("en/search/index.html"),
            PathBuf::from("zh/search/index.html")
        ]
    );
    let search = std::fs::read_to_string(public.join("en/search/index.html")).unwrap();
    let script = "https://www.chenk.top/pagefind/pagefind-component-ui.js";
    assert!(
        search.contains(&format!("<script src=\"{script}\" defer>")),
        "{search}"
    );
    assert!(public.join("pagefind/pagefind-component-ui.js").is_file());
    assert!(search.contains("<pagefind-config bundle-path=\"https://www.chenk.top/pagefind/\">"));
    let en = "<a href=\"https://www.chenk.top/en/search/\">Search</a>";
    let zh = "<a href=\"https://www.chenk.top/zh/search/\">搜索</a>";
    for (page, link) in [
        ("en/index.html", en),
        ("en/transfer-learning/index.html", en),
        ("404.html", en),
        ("zh/index.html", zh),
        ("zh/transfer-learning/index.html", zh),
        ("zh/404.html", zh),
    ] {
        let html = std::fs::read_to_string(public.join(page)).unwrap();
        assert!(html.contains(link), "{page} has no search link");
    }
}

#[test]
fn chinese_is_indexed_as_words_and_pages_can_be_left_out() {
    let dir = copy_fixture("search-zh");
    let out = dir.path().join("public");
    let build = |out: &Path| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["build", "--root"])
            .arg(dir.path())
            .arg("--output")
            .arg(out)
            .status()
            .unwrap();
        assert!(status.success());
    };
    build(&out);
    let bundle = Bundle::read(&out);
    assert_eq!(bundle.languages(), ["zh-cn"]);
    assert_eq!(
        bundle.page_count("zh-cn"),
        2,
        "`search = false` leaves a page out"
    );
    assert!(!bundle.urls().contains("/posts/hidden-notes/"));
    for word in ["知识", "蒸馏", "温度"] {
        assert!(bundle.has_word(word), "{word} is not a word of the index");
    }
    assert!(
        std::fs::read_to_string(out.join("search/index.html"))
            .unwrap()
            .contains("lang=\"zh-CN\"")
    );
    // Two builds of the same site give the same bundle.
    let again = dir.path().join("again");
    build(&again);
    assert!(snapshot(&out.join("pagefind")) == snapshot(&again.join("pagefind")));
}

#[test]
fn search_is_off_unless_the_site_asks_for_it() {
    let post = "+++\ntitle = \"Distillation\"\n+++\nA student learns from a teacher.\n";
    let site = Site::new(CONFIG);
    site.write("content/posts/a.md", post);
    let summary = site.build_ok(&[]);
    assert!(!summary.contains("search"), "{summary}");
    assert!(!site.public().join("pagefind").exists());
    assert!(!site.public().join("search").exists());
    assert!(!site.read("index.html").contains("search"));

    // With the switch on, the built-in template serves. Pages are indexed by their path
    // below the site root, which the browser takes from where `pagefind/` is.
    site.write(
        "config.toml",
        &format!("{CONFIG}[search]\nenabled = true\n"),
    );
    let summary = site.build_ok(&["--base-url", "https://example.org/blog/"]);
    assert!(
        summary.contains(" (search: 1 pages indexed in "),
        "{summary}"
    );
    let bundle = Bundle::read(&site.public());
    assert_eq!(bundle.page_count("en"), 1);
    assert_eq!(bundle.urls(), BTreeSet::from(["/posts/a/"]));
    let search = site.read("search/index.html");
    let bundle_path = "bundle-path=\"https://example.org/blog/pagefind/\"";
    assert!(search.contains(bundle_path), "{search}");
    assert!(search.contains("pagefind-component-ui.js"));
    let link = "href=\"https://example.org/blog/search/\"";
    assert!(site.read("posts/a/index.html").contains(link));

    // A site's own search.html turns search on; `enabled = false` turns it off again.
    site.write("config.toml", CONFIG);
    site.write("templates/search.html", "{% extends \"base.html\" %}");
    site.build_ok(&[]);
    assert!(site.public().join("pagefind/pagefind-entry.json").is_file());
    site.write(
        "config.toml",
        &format!("{CONFIG}[search]\nenabled = false\n"),
    );
    site.build_ok(&[]);
    assert!(!site.public().join("pagefind").exists());
}

#[test]
fn search_overwrites_nothing_the_site_has_where_it_writes() {
    let site = Site::new(&format!("{CONFIG}[search]\nenabled = true\n"));
    site.write(
        "content/search.md",
        "+++\ntitle = \"Search tips\"\n+++\nText.\n",
    );
    let err = site.build_err(&[]);
    assert!(
        err.contains("content/search.md:1 writes search/index.html, where the search page goes"),
        "{err}"
    );
    site.remove("content/search.md");
    site.write("static/pagefind/pagefind.js", "// mine");
    let err = site.build_err(&[]);
    assert!(
        err.contains(
            "static/pagefind/pagefind.js writes pagefind/pagefind.js, where the search index goes"
        ),
        "{err}"
    );
}

#[test]
fn one_bundle_holds_an_index_per_language() {
    let document = |url: &str, lang: &str, title: &str, content: &str| folio::search::Document {
        url: url.into(),
        lang: lang.into(),
        title: title.into(),
        description: None,
        content: format!("<p>{content}</p>"),
    };
    let documents = [
        document(
            "/en/a/",
            "en",
            "Distillation",
            "A student learns from a teacher.",
        ),
        document("/en/b/", "en", "Fine-tuning", "Train the top layers."),
        document("/zh/a/", "zh-CN", "知识蒸馏", "学生向教师学习。"),
    ];
    let files = folio::search::index(&documents, &[]).unwrap();
    let entry = files
        .iter()
        .find(|f| f.path == Path::new("pagefind-entry.json"))
        .unwrap();
    let entry: Value = serde_json::from_slice(&entry.bytes).unwrap();
    assert_eq!(entry["languages"]["en"]["page_count"], 2);
    assert_eq!(entry["languages"]["zh-cn"]["page_count"], 1);
    let metas = files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "pf_meta"));
    assert_eq!(metas.count(), 2, "each language has its own index");
    let fragments: Vec<Option<usize>> = (files.iter())
        .filter(|f| f.path.starts_with("fragment"))
        .map(|f| f.document)
        .collect();
    assert_eq!(fragments.len(), 3);
    assert!(
        fragments.iter().all(Option::is_some),
        "every fragment knows its page"
    );
}
