//! Expected figures are what Hugo 0.168 printed for `.WordCount` and `.ReadingTime` on
//! the same Markdown, with `hasCJKLanguage = true`.

use pulldown_cmark::Parser;

use super::*;

/// 80 Han characters without punctuation, to cut paragraphs of exact lengths from.
const HAN: &str = "迁移学习是一种机器学习方法它把在一个任务上学到的知识用到另一个相关的任务上这样做可以减少对大量标注数据的依赖并且加快新任务的训练速度还能提高模型的泛化能力让我们从头开始";

fn han(n: usize) -> String {
    HAN.chars().take(n).collect()
}

fn counted(text: &str, cjk: bool) -> Counter {
    let mut counter = Counter::new(cjk);
    let options = crate::markdown::parser_options();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        counter.event(&event, text, range);
    }
    counter
}

fn words(text: &str) -> usize {
    counted(text, has_cjk(text)).words()
}

#[test]
fn cjk_scripts_as_hugo_matches_them() {
    assert!(has_cjk("迁移"));
    assert!(has_cjk("ひらがな"));
    assert!(has_cjk("カタカナ"));
    assert!(has_cjk("한국어"));
    // CJK punctuation and full-width forms are not Han, Hangul, Hiragana or Katakana.
    assert!(!has_cjk("。，（）"));
    assert!(!has_cjk("Résumé — naïve"));
}

#[test]
fn each_character_of_a_non_ascii_word_counts() {
    assert_eq!(words(&format!("{}。\n\n第二段。\n", han(70))), 75);
    assert_eq!(words("直接属性预测（DAP）"), 11);
    // Markup inside a word does not split it: `DAP方法。` is one word of 6.
    assert_eq!(
        words(&format!("{}使用 **DAP**方法。\n\n第二段。\n", han(60))),
        72
    );
    // A link's text runs on from the text before it.
    assert_eq!(
        words(&format!("{}[链接](https://x.org/)\n\n第二段。\n", han(69))),
        75
    );
    // Formulas count as written, delimiters included (Hugo passes them through), and
    // one standing as a block runs into the next block: `$$next`, `$$The`.
    assert_eq!(words("其中$x + y$是变量。\n"), 11);
    assert_eq!(
        words("$$\nx + y\n$$\n\nnext word\n\n$$\nz\n$$\n\n## The task\n"),
        10
    );
}

#[test]
fn entities_count_as_ascii_characters() {
    // goldmark writes `'` as `&rsquo;` and `&` as `&amp;`: `It&rsquo;s` is one ASCII word.
    let text = "It's café time & fun.\n";
    assert_eq!(counted(text, true).words(), 8);
    assert_eq!(counted(text, false).words(), 5);
    // Chroma writes `"` as `&#34;` in code: `print(&#34;你好&#34;)` is 19.
    let code = "中文\n\n```python\nprint(\"你好\")  # 注释\nx = 1\n```\n\n结束。\n";
    assert_eq!(words(code), 30);
}

#[test]
fn summary_count_leaves_off_the_last_character_of_each_paragraph() {
    let count = |text: &str| counted(text, true).summary_words();
    assert_eq!(count(&format!("{}。\n", han(70))), 70);
    assert_eq!(count(&format!("{}。\n", han(69))), 69);
    assert_eq!(count(&format!("{} a\n", han(68))), 68);
    // The link's text follows `href="…">`, so Hugo's scan skips it.
    assert_eq!(count(&format!("{}[链接](https://x.org/)\n", han(69))), 69);
    // So is a heading's first word, which follows `id="…">`.
    assert_eq!(count("## 标题 二\n\n正文。\n"), 1 + 2);
}

#[test]
fn reading_time_as_hugo() {
    assert_eq!(words(&"你".repeat(1000)), 1000);
    assert_eq!(reading_time(1000, true), 2);
    assert_eq!(reading_time(1001, true), 3);
    assert_eq!(words(&"word ".repeat(213)), 213);
    assert_eq!(reading_time(212, false), 1);
    assert_eq!(reading_time(213, false), 2);
    assert_eq!(reading_time(0, false), 1);
}

fn render(text: &str, has_cjk_language: bool) -> crate::markdown::Rendered {
    let source = crate::content::parse_source(std::path::Path::new("post.md"), text, &[]).unwrap();
    let math = crate::config::MathConfig::default();
    let options = crate::markdown::MarkdownOptions {
        has_cjk_language,
        ..crate::markdown::MarkdownOptions::plain(&math)
    };
    crate::markdown::render(&source, &options)
}

#[test]
fn chinese_summary_is_the_first_paragraph_once_it_reaches_the_length() {
    let long = format!("{}。", han(70));
    let r = render(&format!("{long}\n\n第二段。\n\n第三段。\n"), true);
    assert_eq!(r.summary, format!("<p>{long}</p>"));
    assert!(r.truncated);
    assert_eq!((r.word_count, r.reading_time()), (79, 1));
    // 70 characters with the full stop: Hugo counts 69 and runs on into the second.
    let short = format!("{}。", han(69));
    let r = render(&format!("{short}\n\n第二段。\n\n第三段。\n"), true);
    assert_eq!(r.summary, format!("<p>{short}</p>\n<p>第二段。</p>"));
    // Without `has_cjk_language` each paragraph is one word, as in Hugo.
    let r = render(&format!("{long}\n\n第二段。\n\n第三段。\n"), false);
    assert_eq!(r.word_count, 3);
    assert!(!r.truncated);
}

#[test]
fn an_english_page_on_a_cjk_site_counts_as_english() {
    let r = render("It's café time & fun.\n", true);
    assert_eq!((r.cjk, r.word_count), (false, 5));
    // Hugo looks at the whole file: a Chinese title makes the page CJK.
    let r = render(
        "+++\ntitle = \"中文标题\"\n+++\nIt's café time & fun.\n",
        true,
    );
    assert_eq!((r.cjk, r.word_count), (true, 8));
}
