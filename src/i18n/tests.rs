use std::collections::BTreeSet;
use std::path::Path;

use super::*;

/// The `{placeholders}` of a word.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

#[test]
fn tables_have_the_same_keys() {
    let en: Vec<&String> = Table::En.words().keys().collect();
    let zh: Vec<&String> = Table::Zh.words().keys().collect();
    let only_en: Vec<_> = en.iter().filter(|k| !zh.contains(k)).collect();
    let only_zh: Vec<_> = zh.iter().filter(|k| !en.contains(k)).collect();
    assert!(only_en.is_empty(), "missing in zh.toml: {only_en:?}");
    assert!(only_zh.is_empty(), "missing in en.toml: {only_zh:?}");
    assert!(en.len() > 50, "{}", en.len());
}

/// The placeholders a word may use: its own, and for a count (`_one`, `_other`) its
/// sibling's too, since a language may leave one out of a singular ("1 entry").
fn family_placeholders<'a>(words: &'a BTreeMap<String, String>, key: &str) -> BTreeSet<&'a str> {
    let stem = key
        .strip_suffix("_one")
        .or_else(|| key.strip_suffix("_other"));
    let family = match stem {
        Some(stem) => vec![format!("{stem}_one"), format!("{stem}_other")],
        None => vec![key.to_string()],
    };
    family
        .iter()
        .flat_map(|k| placeholders(&words[k]))
        .collect()
}

#[test]
fn placeholders_are_the_same_in_every_table() {
    for key in Table::En.words().keys() {
        let en = family_placeholders(Table::En.words(), key);
        let zh = family_placeholders(Table::Zh.words(), key);
        assert_eq!(en, zh, "`{key}`");
    }
    assert_eq!(
        placeholders(&Table::En.words()["part_of"]),
        BTreeSet::from(["part", "total"])
    );
    assert_eq!(
        placeholders(&Table::Zh.words()["part_of"]),
        BTreeSet::from(["part", "total"])
    );
}

#[test]
fn counts_have_singular_and_plural() {
    let words = Table::En.words();
    for key in words.keys() {
        if let Some(stem) = key.strip_suffix("_one") {
            assert!(words.contains_key(&format!("{stem}_other")), "{key}");
        }
        if let Some(stem) = key.strip_suffix("_other") {
            assert!(words.contains_key(&format!("{stem}_one")), "{key}");
        }
    }
    assert_eq!(words["posts_one"], "{count} post");
    assert_eq!(words["posts_other"], "{count} posts");
    // Chinese has no plural.
    let zh = Table::Zh.words();
    assert_eq!(zh["posts_one"], zh["posts_other"]);
}

#[test]
fn language_codes_pick_a_table() {
    for code in ["zh", "zh-CN", "zh-Hans", "zh-hans-CN", "ZH_tw", "zh-Hant"] {
        assert_eq!(Table::for_code(code), Table::Zh, "{code}");
    }
    for code in ["en", "en-GB", "fr", "ja", "zhx", ""] {
        assert_eq!(Table::for_code(code), Table::En, "{code}");
    }
}

#[test]
fn dates_in_each_language() {
    let date = Date::parse("2025-07-06T09:00:00+08:00").unwrap();
    assert_eq!(format_date(&date, "en"), "6 July 2025");
    assert_eq!(format_date(&date, "zh-CN"), "2025年7月6日");
    assert_eq!(format_date(&date, "fr"), "6 July 2025");
    let december = Date::parse("2024-12-25T00:00:00Z").unwrap();
    assert_eq!(format_date(&december, "en-US"), "25 December 2024");
    assert_eq!(format_date(&december, "zh"), "2024年12月25日");
}

#[test]
fn overrides_replace_words_and_unknown_keys_are_named() {
    let words = Words::new("zh-CN", [("part_of", "第 {part} 章（共 {total} 章）")]);
    assert_eq!(words.get("part_of"), "第 {part} 章（共 {total} 章）");
    assert_eq!(words.get("contents"), "目录");
    assert_eq!(Words::new("en", []).get("contents"), "Contents");
    let written: BTreeMap<Spanned<String>, ()> = BTreeMap::from([
        (Spanned::new(3..10, "part_of".to_string()), ()),
        (Spanned::new(20..28, "part_off".to_string()), ()),
    ]);
    let unknown: Vec<(usize, UnknownWord)> = unknown_words(&written).collect();
    assert_eq!(unknown.len(), 1);
    let (offset, err) = &unknown[0];
    assert_eq!((*offset, err.key.as_str()), (20, "part_off"));
    let message = err.to_string();
    assert!(
        message.starts_with("`part_off` is not one of the theme's words"),
        "{message}"
    );
    assert!(message.contains("part_of"), "lists the words: {message}");
}

#[test]
fn taxonomy_titles_use_the_theme_words() {
    let zh = Words::new("zh", []);
    assert_eq!(zh.taxonomy_title("tags"), "标签");
    assert_eq!(zh.taxonomy_title("series"), "系列");
    assert_eq!(zh.taxonomy_title("reading-lists"), "Reading Lists");
    // A word that is not a taxonomy's does not title one.
    assert_eq!(Words::new("en", []).taxonomy_title("contents"), "Contents");
    assert_eq!(Words::new("zh", []).taxonomy_title("contents"), "Contents");
}

/// Every `words.KEY` in the built-in templates and the shipped theme.
fn words_in_templates() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = BTreeSet::new();
    for dir in ["src/templates/defaults", "templates", "templates/partials"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for rest in text.split("words.").skip(1) {
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                used.insert(key);
            }
        }
    }
    used
}

#[test]
fn templates_use_every_word_and_only_words_that_exist() {
    let used = words_in_templates();
    let known: BTreeSet<String> = Table::En.words().keys().cloned().collect();
    let unknown: Vec<_> = used.difference(&known).collect();
    assert!(
        unknown.is_empty(),
        "templates use unknown words: {unknown:?}"
    );
    // Taxonomy titles and box names may be used from Rust alone.
    let unused: Vec<_> = known
        .difference(&used)
        .filter(|k| !TAXONOMY_WORDS.contains(&k.as_str()) && !BOX_WORDS.contains(&k.as_str()))
        .collect();
    assert!(unused.is_empty(), "words no template uses: {unused:?}");
}
