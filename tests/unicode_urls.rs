//! A site with Chinese file names and terms (tests/fixtures/cjk, built with the shipped
//! theme): files are written under Unicode names, and every URL is percent-encoded as
//! Hugo writes it. Expected URLs, word counts and summaries are what Hugo 0.168 gave
//! for the same content with `hasCJKLanguage = true`.

mod common;

use std::path::Path;
use std::process::Command;

use common::themed_fixture;

const PART1: &str = "https://www.chenk.top/transfer-learning/01-%E5%9F%BA%E7%A1%80%E4%B8%8E%E6%A0%B8%E5%BF%83%E6%A6%82%E5%BF%B5/";
const PART3: &str =
    "https://www.chenk.top/transfer-learning/03-%E5%9F%9F%E9%80%82%E5%BA%94%E6%96%B9%E6%B3%95/";
const PART4: &str = "https://www.chenk.top/transfer-learning/04-few-shot-learning/";
const TAG: &str = "https://www.chenk.top/tags/%E8%BF%81%E7%A7%BB%E5%AD%A6%E4%B9%A0/";

/// The fixture with the shipped theme, and `extra_config` put first in its config.
fn site(extra_config: &str) -> tempfile::TempDir {
    let dir = themed_fixture("cjk");
    let config = dir.path().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{extra_config}\n{text}")).unwrap();
    dir
}

fn folio(args: &[&str], root: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "folio {args:?} failed: {stdout}{stderr}"
    );
    stdout
}

fn read(root: &Path, rel: &str) -> String {
    let path = root.join("public").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn files_are_written_under_unicode_names() {
    let dir = site("");
    folio(&["build"], dir.path());
    for rel in [
        "transfer-learning/01-基础与核心概念/index.html",
        "transfer-learning/03-域适应方法/index.html",
        "transfer-learning/04-few-shot-learning/index.html",
        "tags/迁移学习/index.html",
        "tags/迁移学习/index.xml",
        "categories/迁移学习/index.html",
        "tags/few-shot-learning/index.html",
        "tags/teacher-student/index.html",
        // Hugo keeps the slash of a term: "A/B Testing" is /tags/a/b-testing/.
        "tags/a/b-testing/index.html",
    ] {
        assert!(
            dir.path().join("public").join(rel).is_file(),
            "{rel} missing"
        );
    }
    assert!(
        !dir.path()
            .join("public/transfer-learning/01-ji-chu-yu-he-xin-gai-nian")
            .exists()
    );
}

#[test]
fn pages_link_with_percent_encoded_urls() {
    let dir = site("");
    folio(&["build"], dir.path());
    let part1 = read(dir.path(), "transfer-learning/01-基础与核心概念/index.html");
    assert!(part1.contains(&format!("<link rel=\"canonical\" href=\"{PART1}\">")));
    assert!(part1.contains(&format!("<meta property=\"og:url\" content=\"{PART1}\">")));
    assert!(part1.contains(&format!("href=\"{TAG}\"")), "tag link");
    assert!(part1.contains(
        "href=\"https://www.chenk.top/categories/%E8%BF%81%E7%A7%BB%E5%AD%A6%E4%B9%A0/\""
    ));
    // Series navigation from part 4 back to part 3, and the author's relative link.
    let part4 = read(
        dir.path(),
        "transfer-learning/04-few-shot-learning/index.html",
    );
    assert!(part4.contains(&format!("href=\"{PART3}\"")), "series link");
    assert!(part4.contains(
        "href=\"../01-%E5%9F%BA%E7%A1%80%E4%B8%8E%E6%A0%B8%E5%BF%83%E6%A6%82%E5%BF%B5/\""
    ));
    assert!(!part4.contains("href=\"https://www.chenk.top/transfer-learning/01-基础"));
    // Every internal link and anchor resolves to a file written under its Unicode name.
    let report = folio(&["check"], dir.path());
    assert!(report.contains("all good"), "{report}");
}

#[test]
fn feeds_and_sitemap_carry_encoded_urls_and_chinese_summaries() {
    let dir = site("");
    folio(&["build"], dir.path());
    let feed = read(dir.path(), "transfer-learning/index.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let items: Vec<(String, String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|item| {
            let text = |name: &str| {
                let node = item.children().find(|n| n.has_tag_name(name)).unwrap();
                node.text().unwrap_or_default().to_string()
            };
            (text("link"), text("guid"), text("description"))
        })
        .collect();
    let links: Vec<&str> = items.iter().map(|(link, _, _)| link.as_str()).collect();
    assert_eq!(links, [PART4, PART3, PART1]);
    assert!(items.iter().all(|(link, guid, _)| link == guid));
    // Part 1's first paragraph passes 70 characters, so it is the whole summary; part 3's
    // is exactly 70 with its full stop, of which Hugo counts 69, so the second follows.
    let paragraphs = |i: usize| items[i].2.matches("</p>").count();
    assert_eq!((paragraphs(2), paragraphs(1), paragraphs(0)), (1, 2, 2));
    assert!(items[2].2.starts_with("<p>迁移学习研究的是"));
    // The summary's relative link, made absolute, is encoded too.
    assert!(items[0].2.contains(&format!("href=\"{PART1}\"")));

    let sitemap = read(dir.path(), "sitemap.xml");
    for url in [
        PART1,
        PART3,
        PART4,
        TAG,
        "https://www.chenk.top/tags/a/b-testing/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{url}</loc>")),
            "{url} not in sitemap"
        );
    }
    assert!(!sitemap.contains("基础"));
}

#[test]
fn chinese_pages_count_words_and_keep_cjk_heading_ids() {
    let dir = site("");
    folio(&["build"], dir.path());
    let part1 = read(dir.path(), "transfer-learning/01-基础与核心概念/index.html");
    assert!(part1.contains("<h2 id=\"直接属性预测dap\">"));
    assert!(
        part1.contains("<span>205 words</span>"),
        "Hugo's .WordCount"
    );
    let part4 = read(
        dir.path(),
        "transfer-learning/04-few-shot-learning/index.html",
    );
    assert!(part4.contains("<span>43 words</span>"));
    // Without has_cjk_language a Chinese run between spaces is one word.
    let dir = site("");
    let config = dir.path().join("config.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace("has_cjk_language = true", "")).unwrap();
    folio(&["build"], dir.path());
    let part1 = read(dir.path(), "transfer-learning/01-基础与核心概念/index.html");
    assert!(part1.contains("<span>4 words</span>"));
}

#[test]
fn ascii_slugs_keep_transliterated_urls() {
    let dir = site("slugs = \"ascii\"");
    folio(&["build"], dir.path());
    let public = dir.path().join("public");
    assert!(
        public
            .join("transfer-learning/01-ji-chu-yu-he-xin-gai-nian/index.html")
            .is_file()
    );
    assert!(public.join("tags/a-b-testing/index.html").is_file());
    assert!(public.join("tags/qian-yi-xue-xi/index.html").is_file());
    let part1 = read(
        dir.path(),
        "transfer-learning/01-ji-chu-yu-he-xin-gai-nian/index.html",
    );
    assert!(part1.contains("<h2 id=\"zhi-jie-shu-xing-yu-ce-dap\">"));
}
