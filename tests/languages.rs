//! Bilingual sites: the fixture `bilingual` (a content folder per language, default
//! language in a subfolder) and `bilingual-suffix` (languages by file suffix, default
//! language at the root of a base path): URLs, files, hreflang, sitemaps, feeds, lists
//! and the errors of translated content.

mod common;

use std::process::Command;

use common::{Site, copy_fixture};

/// A copy of fixture `name`, built.
fn built(name: &str) -> Site {
    let site = Site::fixture(name);
    site.build_ok(&[]);
    site
}

fn hreflangs(html: &str) -> Vec<String> {
    html.lines()
        .filter(|l| l.starts_with("<link rel=\"alternate\" hreflang="))
        .map(String::from)
        .collect()
}

#[test]
fn a_folder_per_language_gives_each_its_urls_and_files() {
    let site = built("bilingual");
    for file in [
        "en/index.html",
        "en/notes/01-first-steps/index.html",
        "en/notes/02-second-look/index.html",
        "en/about/index.html",
        "zh/index.html",
        "zh/about/index.html",
        "zh/notes/index.html",
        "zh/notes/index.xml",
        FIRST_ZH,
        ONLY_ZH,
        "zh/tags/练习/index.html",
        "zh/tags/练习/index.xml",
        "zh/categories/学习/index.html",
        "zh/404.html",
        "404.html",
    ] {
        assert!(site.public().join(file).is_file(), "{file} is missing");
    }
    assert!(
        !site.public().join("en/404.html").exists(),
        "the default 404 is /404.html"
    );
    assert!(
        site.read("404.html")
            .starts_with("<!DOCTYPE html>\n<html lang=\"en\">")
    );
    assert!(
        site.read("zh/404.html")
            .starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    );
    assert!(
        site.read("index.html")
            .contains("url=https://example.org/en/")
    );
    let practice = site.read("zh/tags/练习/index.xml");
    assert!(
        practice.contains("<link>https://example.org/zh/tags/%E7%BB%83%E4%B9%A0/</link>"),
        "{practice}"
    );
    assert!(
        practice.contains(&format!("<guid>{FIRST_ZH_URL}</guid>")),
        "{practice}"
    );
    let zh_home = site.read("zh/index.html");
    assert!(zh_home.contains("<title>田野笔记</title>"), "{zh_home}");
    assert!(zh_home.contains("<a href=\"https://example.org/zh/notes/\">笔记</a>"));
}

#[test]
fn translated_pages_link_each_other_both_ways() {
    let site = built("bilingual");
    let expected = [
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/notes/01-first-steps/\">".to_string(),
        format!("<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"{FIRST_ZH_URL}\">"),
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/en/notes/01-first-steps/\">".to_string(),
    ];
    assert_eq!(
        hreflangs(&site.read("en/notes/01-first-steps/index.html")),
        expected
    );
    assert_eq!(hreflangs(&site.read(FIRST_ZH)), expected);
    // Paired by path, without a key: the About pages; sections by their key.
    assert_eq!(hreflangs(&site.read("zh/about/index.html")).len(), 3);
    assert_eq!(hreflangs(&site.read("en/notes/index.html")).len(), 3);
    // A page without a translation has no alternates.
    assert!(hreflangs(&site.read("en/notes/02-second-look/index.html")).is_empty());
}

/// The Chinese pages of the fixture: written under their Unicode names, percent-encoded
/// in every URL, as Hugo does.
const FIRST_ZH: &str = "zh/notes/01-第一步/index.html";
const FIRST_ZH_URL: &str = "https://example.org/zh/notes/01-%E7%AC%AC%E4%B8%80%E6%AD%A5/";
const ONLY_ZH: &str = "zh/notes/03-只有中文/index.html";
const ONLY_ZH_URL: &str = "https://example.org/zh/notes/03-%E5%8F%AA%E6%9C%89%E4%B8%AD%E6%96%87/";

#[test]
fn suffixes_pair_pages_by_path() {
    let site = built("bilingual-suffix");
    assert!(site.public().join("guide/install/index.html").is_file());
    assert!(site.public().join("zh/guide/install/index.html").is_file());
    assert!(
        site.public()
            .join("guide/english-only/index.html")
            .is_file()
    );
    assert!(!site.public().join("zh/guide/english-only").exists());
    assert_eq!(
        hreflangs(&site.read("zh/guide/install/index.html")),
        [
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/docs/guide/install/\">",
            "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"https://example.org/docs/zh/guide/install/\">",
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/docs/guide/install/\">",
        ]
    );
    assert!(hreflangs(&site.read("guide/english-only/index.html")).is_empty());
    let zh_guide = site.read("zh/guide/index.html");
    assert!(
        zh_guide.contains("<title>指南 | 手册</title>"),
        "{zh_guide}"
    );
    assert!(
        !zh_guide.contains("Only in English"),
        "zh does not show untranslated pages"
    );
    assert!(site.read("index.html").contains("<html lang=\"en\">"));
}

#[test]
fn one_sitemap_per_language_with_alternates_and_an_index() {
    let site = built("bilingual");
    let index = site.read("sitemap.xml");
    assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    let en_at = index
        .find("<loc>https://example.org/en/sitemap.xml</loc>")
        .unwrap();
    let zh_at = index
        .find("<loc>https://example.org/zh/sitemap.xml</loc>")
        .unwrap();
    assert!(en_at < zh_at, "weight order");
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"
    );
    let en = site.read("en/sitemap.xml");
    let doc = roxmltree::Document::parse(&en).unwrap();
    let url = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("url")
                && n.children()
                    .any(|c| c.text() == Some("https://example.org/en/notes/01-first-steps/"))
        })
        .unwrap();
    let alternates: Vec<(&str, &str)> = url
        .children()
        .filter(|n| n.tag_name().name() == "link")
        .map(|n| {
            (
                n.attribute("hreflang").unwrap(),
                n.attribute("href").unwrap(),
            )
        })
        .collect();
    assert_eq!(alternates.len(), 2);
    assert_eq!(
        alternates[0],
        ("en", "https://example.org/en/notes/01-first-steps/")
    );
    assert_eq!(alternates[1].0, "zh-CN");
    assert!(
        !en.contains("https://example.org/zh/notes/03"),
        "zh-only page is zh's"
    );
    assert!(
        site.read("zh/sitemap.xml")
            .contains("<loc>https://example.org/zh/</loc>")
    );
}

#[test]
fn feeds_are_per_language() {
    let site = built("bilingual");
    let zh = site.read("zh/notes/index.xml");
    assert!(zh.contains("<title>笔记 on 田野笔记</title><link>https://example.org/zh/notes/</link><description>Recent content in 笔记 on 田野笔记</description><generator>folio</generator><language>zh-CN</language>"), "{zh}");
    assert_eq!(zh.matches("<item>").count(), 2, "only zh pages: {zh}");
    let en = site.read("en/notes/index.xml");
    assert!(
        en.contains("<title>Notes on Field Notes</title>")
            && en.contains("<language>en</language>")
    );
    assert_eq!(en.matches("<item>").count(), 2);
    assert!(
        site.read("zh/index.xml")
            .contains("<title>田野笔记</title>")
    );
}

#[test]
fn lists_show_untranslated_pages_when_the_language_asks() {
    let site = built("bilingual");
    let zh_notes = site.read("zh/notes/index.html");
    let order: Vec<usize> = ["笔记（一）", "Notes, Part 2", "笔记（三）"]
        .iter()
        .map(|t| zh_notes.find(t).unwrap_or_else(|| panic!("{t} missing")))
        .collect();
    assert!(order.is_sorted(), "series order across languages");
    assert!(zh_notes.contains("<article class=\"page-summary\" lang=\"en\">"));
    assert!(
        site.read("zh/index.html")
            .contains("Notes, Part 2: A Second Look</a> (English)")
    );
    assert!(
        !site.read("en/notes/index.html").contains("笔记（三）"),
        "en does not ask"
    );
}

#[test]
fn templates_see_lang_languages_translations_and_page_lang() {
    let site = Site::fixture("bilingual");
    site.write(
        "templates/page.html",
        "{{ lang.key }}|{{ lang.code }}|{{ lang.locale }}|{{ lang.name }}|{{ lang.root_url }}|{{ lang.is_default }}\n\
         {% for l in site.languages %}{{ l.key }}={{ l.name }};{% endfor %}\n\
         {% for t in translations %}{{ t.key }},{{ t.code }},{{ t.name }},{{ t.permalink }},{{ t.exists }},{{ t.current }};{% endfor %}\n\
         {{ page.lang }}|{% if page.series %}{{ page.series.part }}/{{ page.series.total }}{% endif %}|{{ page.word_count }}|{{ page.reading_time }}",
    );
    site.build_ok(&[]);
    assert_eq!(
        site.read("en/notes/02-second-look/index.html"),
        "en|en|en_US|English|https://example.org/en/|true\n\
         en=English;zh=简体中文;\n\
         en,en,English,https://example.org/en/notes/02-second-look/,true,true;zh,zh-CN,简体中文,https://example.org/zh/,false,false;\n\
         en|2/3|26|1",
        "part 2 of the whole series, whose part 3 is written in Chinese only"
    );
    assert_eq!(
        site.read(ONLY_ZH),
        format!(
            "zh|zh-CN|zh_CN|简体中文|https://example.org/zh/|false\n\
             en=English;zh=简体中文;\n\
             en,en,English,https://example.org/en/,false,false;zh,zh-CN,简体中文,{ONLY_ZH_URL},true,true;\n\
             zh|3/3|17|1"
        ),
        "numbered by series_order: part 3, though the second Chinese part; each CJK character a word, as in Hugo"
    );
}

fn build_error(site: &Site) -> String {
    let err = site.build_err(&[]);
    err.replace(&format!("{}/", site.root().display()), "")
}

#[test]
fn two_pages_of_one_language_with_one_key_are_an_error() {
    let site = Site::fixture("bilingual");
    site.write(
        "content/zh/notes/copy.md",
        "---\ntitle: 副本\ntranslationKey: notes-1\n---\n正文\n",
    );
    let err = build_error(&site);
    assert!(err.contains("content/zh/notes/copy.md"), "{err}");
    assert!(err.contains("content/zh/notes/01-第一步.md"), "{err}");
    assert!(
        err.contains("both the zh translation of `translationKey` \"notes-1\""),
        "{err}"
    );
}

#[test]
fn misplaced_content_is_an_error() {
    let site = Site::fixture("bilingual");
    site.write("content/stray.md", "+++\ntitle = \"Stray\"\n+++\n");
    let err = build_error(&site);
    assert!(err.contains("content/stray.md:1:1: a file without a language suffix belongs to the default language, en, whose content is in content/en/"), "{err}");

    site.remove("content/stray.md");
    site.write("content/zh/wrong.md", "---\ntitle: 错\nlang: en\n---\n");
    let err = build_error(&site);
    assert!(
        err.contains("content/zh/wrong.md:3:1: `lang` says en but the file is zh's"),
        "{err}"
    );
}

#[test]
fn config_errors_name_line_and_column() {
    let site = Site::fixture("bilingual");
    let config = std::fs::read_to_string(site.root().join("config.toml")).unwrap();
    site.write(
        "config.toml",
        &config.replace("default_language = \"en\"", "default_language = \"fr\""),
    );
    let err = build_error(&site);
    assert!(
        err.contains(
            "config.toml:6:20: the default language \"fr\" is not one of [languages] (en, zh)"
        ),
        "{err}"
    );
}

/// As in Hugo, a language whose content folder is not there (yet) has no pages; the build
/// says so, naming the key, so that a typo in the path does not go unnoticed either.
#[test]
fn a_missing_content_folder_is_a_warning_and_the_language_has_only_lists() {
    let site = Site::fixture("bilingual");
    std::fs::remove_dir_all(site.root().join("content/zh")).unwrap();
    let out = site.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("config.toml: `[languages.zh] content_dir` \"content/zh\" is not a folder, so zh has no pages"),
        "{stderr}"
    );
    // Its home lists the English pages only, marked as such (`show_untranslated`).
    let home = site.read("zh/index.html");
    assert!(
        home.contains("<li lang=\"en\"><a href=\"https://example.org/en/notes/01-first-steps/\">"),
        "{home}"
    );
    assert!(!home.contains("https://example.org/zh/notes/0"), "{home}");
}

#[test]
fn check_passes_on_both_fixtures() {
    for name in ["bilingual", "bilingual-suffix"] {
        let dir = copy_fixture(name);
        let out = Command::new(env!("CARGO_BIN_EXE_folio"))
            .arg("check")
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn each_language_gets_its_own_words_and_dates() {
    let site = built("bilingual");
    let zh = site.read(FIRST_ZH);
    assert!(zh.contains(">跳到正文</a>"), "{zh}");
    assert!(zh.contains(">2025年5月1日</time>"), "{zh}");
    assert!(zh.contains("<nav class=\"language-switch\" aria-label=\"语言\"><ul><li><a href=\"https://example.org/en/notes/01-first-steps/\" hreflang=\"en\" lang=\"en\">English</a></li></ul></nav>"), "{zh}");
    let en = site.read("en/notes/01-first-steps/index.html");
    assert!(
        en.contains(">Skip to content</a>") && en.contains(">1 May 2025</time>"),
        "{en}"
    );
    // Without a translation, the switch goes to the other language's home and says so.
    let untranslated = site.read("en/notes/02-second-look/index.html");
    assert!(
        untranslated.contains(
            "<a href=\"https://example.org/zh/\" hreflang=\"zh-CN\" lang=\"zh-CN\">简体中文"
        ),
        "{untranslated}"
    );
    assert!(site.read("zh/404.html").contains("<h1>页面不存在</h1>"));
}

/// The shipped site in Chinese, shaped as the author's Hugo site writes it.
#[test]
fn shipped_chinese_series_feed_is_shaped_as_hugos() {
    let (_dir, out) = common::build_elsewhere(&common::repo(), &[]);
    let feed = std::fs::read_to_string(out.join("zh/transfer-learning/index.xml")).unwrap();
    assert!(feed.contains("<channel><title>Transfer Learning on Chen Kai Blog</title><link>https://www.chenk.top/zh/transfer-learning/</link><description>Recent content in Transfer Learning on Chen Kai Blog</description><generator>folio</generator><language>zh-CN</language>"), "{feed}");
    let domain = "https://www.chenk.top/zh/transfer-learning/03-%E5%9F%9F%E9%80%82%E5%BA%94%E6%96%B9%E6%B3%95/";
    for link in [
        domain,
        "https://www.chenk.top/zh/transfer-learning/04-few-shot-learning/",
    ] {
        assert!(
            feed.contains(&format!("<link>{link}</link>")),
            "{link}: {feed}"
        );
    }
    assert_eq!(feed.matches("<item>").count(), 4, "the Chinese parts only");
    let part3 =
        std::fs::read_to_string(out.join("zh/transfer-learning/03-域适应方法/index.html")).unwrap();
    assert!(
        part3.contains("<html lang=\"zh-CN\">")
            && part3.contains("<meta property=\"og:locale\" content=\"zh_CN\">")
    );
    assert!(part3.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"{domain}\">"
    )));
    assert!(part3.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://www.chenk.top/en/transfer-learning/03-domain-adaptation/\">"));
    let english =
        std::fs::read_to_string(out.join("en/transfer-learning/03-domain-adaptation/index.html"))
            .unwrap();
    assert!(english.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"{domain}\">"
    )));
}
