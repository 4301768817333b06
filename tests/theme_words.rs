//! The theme's words per language (`src/i18n/`): Chinese words and dates from the built-in
//! tables, a site's overrides, and an unknown override refused at its line.

mod common;

use common::{Site, copy_tree, repo, walk};

const ZH: &str = "base_url = \"https://example.org/\"\ntitle = \"Fixture\"\nauthor = \"陈\"\ndefault_language = \"zh\"\n[languages.zh]\ncode = \"zh-CN\"\n";

fn post(title: &str, front: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n{front}+++\n正文。\n")
}

/// A Chinese site built with the shipped theme: a series with parts 1 and 3 only.
fn chinese_series_site(config: &str) -> Site {
    let site = Site::new(config);
    // The shipped theme: its templates and the stylesheet they inline.
    for part in ["templates", "static"] {
        copy_tree(&repo().join(part), &site.root().join(part));
    }
    site.write(
        "content/transfer-learning/_index.md",
        "+++\ntitle = \"Transfer Learning\"\nsort_by = \"series_order\"\n+++\n",
    );
    let series = "series = \"transfer-learning\"\ncategories = [\"迁移学习\"]\ntags = [\"基础\"]\n";
    site.write(
        "content/transfer-learning/01-basics.md",
        &post(
            "迁移学习（一）：基础",
            &format!("date = 2025-07-06\nupdated = 2025-12-25\nseries_order = 1\n{series}"),
        ),
    );
    site.write(
        "content/transfer-learning/03-domains.md",
        &post(
            "迁移学习（三）：域适应",
            &format!("date = 2025-07-20\nseries_order = 3\n{series}"),
        ),
    );
    site
}

#[test]
fn chinese_site_gets_chinese_words_and_dates_from_the_built_in_templates() {
    let site = Site::new(ZH);
    site.write(
        "content/posts/first.md",
        &post("第一篇", "date = 2025-07-06\ntags = [\"笔记\"]\n"),
    );
    site.build_ok(&[]);
    let page = site.read("posts/first/index.html");
    assert!(page.contains("<html lang=\"zh-CN\">"), "{page}");
    assert!(page.contains(">跳到正文</a>"), "{page}");
    assert!(
        page.contains(
            "<time datetime=\"2025-07-06T00:00:00+00:00\">2025年7月6日</time> · 阅读约 1 分钟"
        ),
        "{page}"
    );
    assert!(page.contains("<p>标签：<a "), "{page}");
    assert!(
        !page.contains("class=\"language-switch\""),
        "one language, no switch"
    );
    let not_found = site.read("404.html");
    assert!(not_found.contains("<title>页面不存在 | Fixture</title>"));
    assert!(not_found.contains("<h1>页面不存在</h1>"));
    assert!(
        site.read("tags/index.html")
            .contains("<title>标签 | Fixture</title>")
    );
}

#[test]
fn shipped_theme_in_chinese_numbers_parts_as_the_whole_series_and_fills_every_placeholder() {
    let site = chinese_series_site(ZH);
    site.build_ok(&[]);
    let part3 = site.read("transfer-learning/03-domains/index.html");
    assert!(part3.contains("</span> 第 3 篇，共 3 篇</p>"), "{part3}");
    assert!(part3.contains("上一篇：第 1 篇</span>"), "{part3}");
    assert!(part3.contains("系列完 <span aria-hidden=\"true\">→</span></span> <span class=\"pager-title\">返回Transfer Learning</span>"), "{part3}");
    assert!(
        part3
            .contains("<span class=\"part-num\">3</span> <span class=\"part-title\">域适应</span>"),
        "{part3}"
    );
    let part1 = site.read("transfer-learning/01-basics/index.html");
    assert!(part1.contains("<span>发布于 <time datetime=\"2025-07-06T00:00:00+00:00\">2025年7月6日</time></span> <span>更新于 <time datetime=\"2025-12-25T00:00:00+00:00\">2025年12月25日</time></span>"), "{part1}");
    assert!(part1.contains("下一篇：第 3 篇 <span"), "{part1}");
    assert!(part1.contains("<span>分类：<a "), "{part1}");
    assert!(
        part1.contains("<p class=\"footer-credit\">陈 撰写。由 folio 生成，不含 JavaScript。</p>")
    );
    let series = site.read("transfer-learning/index.html");
    assert!(series.contains("系列文章，共 2 篇"), "{series}");
    assert!(
        series.contains("<span class=\"visually-hidden\">第 3 篇：</span>域适应</a>"),
        "{series}"
    );
    for file in walk(&site.public()) {
        if file.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&file).unwrap();
            let left = [
                "{part}",
                "{total}",
                "{count}",
                "{minutes}",
                "{date}",
                "{title}",
                "{series}",
            ];
            for placeholder in left {
                assert!(
                    !html.contains(placeholder),
                    "{}: {placeholder}",
                    file.display()
                );
            }
            assert!(
                !html.contains(" min read"),
                "{}: English words",
                file.display()
            );
        }
    }
}

#[test]
fn a_site_overrides_a_chinese_word() {
    let config =
        format!("{ZH}[languages.zh.words]\npart_of = \"第 {{part}} 章（共 {{total}} 章）\"\n");
    let site = chinese_series_site(&config);
    site.build_ok(&[]);
    let part3 = site.read("transfer-learning/03-domains/index.html");
    assert!(part3.contains("</span> 第 3 章（共 3 章）</p>"), "{part3}");
    // The other words stay the built-in ones.
    assert!(part3.contains("上一篇：第 1 篇</span>"), "{part3}");
}

#[test]
fn an_unknown_word_is_an_error_at_its_line() {
    let config =
        format!("{ZH}[languages.zh.words]\nmin_read = \"{{minutes}} 分钟\"\npart_off = \"x\"\n");
    let site = chinese_series_site(&config);
    let err = site.build_err(&[]);
    assert!(
        err.contains(
            "config.toml:9:1: in [languages.zh.words]: `part_off` is not one of the theme's words"
        ),
        "{err}"
    );
    assert!(err.contains("part_of"), "lists the words: {err}");
    assert!(!site.public().exists(), "no output after a failed build");
}

const BILINGUAL: &str = "base_url = \"https://example.org/\"\ntitle = \"Fixture\"\n[languages.en]\nname = \"English\"\nweight = 1\n[languages.zh]\nname = \"简体中文\"\ncode = \"zh-CN\"\nweight = 2\nshow_untranslated = true\n";

#[test]
fn bilingual_site_switches_language_and_numbers_parts_across_languages() {
    let site = Site::new(BILINGUAL);
    // The shipped theme: its templates and the stylesheet they inline.
    for part in ["templates", "static"] {
        copy_tree(&repo().join(part), &site.root().join(part));
    }
    let section = "+++\ntitle = \"Transfer Learning\"\nsort_by = \"series_order\"\n+++\n";
    site.write("content/transfer-learning/_index.md", section);
    site.write("content/transfer-learning/_index.zh.md", section);
    for n in 1..=3 {
        let front =
            format!("date = 2025-07-0{n}\nseries = \"transfer-learning\"\nseries_order = {n}\n");
        site.write(
            &format!("content/transfer-learning/part-{n}.md"),
            &post(&format!("Part {n}"), &front),
        );
    }
    let front = "date = 2025-07-03\nseries = \"transfer-learning\"\nseries_order = 3\n";
    site.write(
        "content/transfer-learning/part-3.zh.md",
        &post("第三篇", front),
    );
    site.build_ok(&[]);

    let zh = site.read("zh/transfer-learning/part-3/index.html");
    assert!(zh.contains("<html lang=\"zh-CN\">"), "{zh}");
    assert!(
        zh.contains("</span> 第 3 篇，共 3 篇</p>"),
        "the English series' length: {zh}"
    );
    assert!(zh.contains("2025年7月3日"), "{zh}");
    assert!(
        zh.contains("<nav class=\"language-switch\" aria-label=\"语言\">\n<ul>\n<li><a href=\"https://example.org/transfer-learning/part-3/\" hreflang=\"en\" lang=\"en\">English</a></li>\n</ul>\n</nav>"),
        "{zh}"
    );
    let en = site.read("transfer-learning/part-3/index.html");
    assert!(en.contains("3 July 2025"), "{en}");
    assert!(en.contains("<li><a href=\"https://example.org/zh/transfer-learning/part-3/\" hreflang=\"zh-CN\" lang=\"zh-CN\">简体中文</a></li>"), "{en}");
    let untranslated = site.read("transfer-learning/part-2/index.html");
    let note = "This page has no 简体中文 version yet; the link goes to the 简体中文 home page.";
    assert!(
        untranslated.contains(&format!("<li title=\"{note}\"><a class=\"no-translation\" href=\"https://example.org/zh/\" hreflang=\"zh-CN\" lang=\"zh-CN\">简体中文<span class=\"visually-hidden\" lang=\"en\">: {note}</span></a></li>")),
        "{untranslated}"
    );
    assert!(untranslated.contains(">Skip to content</a>"));
    assert!(
        zh.contains("<a href=\"https://example.org/zh/transfer-learning/\">Transfer Learning</a>：3 篇中的 1 篇</h2>"),
        "{zh}"
    );
    assert!(
        en.contains("<a href=\"https://example.org/transfer-learning/\">Transfer Learning</a>: all 3 parts</h2>"),
        "{en}"
    );
    // The Chinese series page lists the English parts, marked as English.
    let zh_series = site.read("zh/transfer-learning/index.html");
    assert!(
        zh_series.contains("<span class=\"visually-hidden\">第 2 篇：</span><span lang=\"en\">Part 2</span></a> <span class=\"lang-badge\" lang=\"en\">English</span></h3>"),
        "{zh_series}"
    );
    assert!(
        zh_series.contains("<span class=\"visually-hidden\">第 3 篇：</span>第三篇</a></h3>"),
        "{zh_series}"
    );
    assert!(site.read("zh/404.html").contains("<h1>页面不存在</h1>"));
}
