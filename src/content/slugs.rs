//! How names become URL paths and heading ids. `slugs = "unicode"` follows Hugo (so a
//! site moved from Hugo keeps its URLs and `#anchors`); `"ascii"` transliterates.

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use crate::config::Slugs;

/// A file or folder name or a taxonomy term as a path. Hugo parses content paths with
/// `paths.NormalizePathStringBasic` (lowercase, each space a hyphen), then writes them
/// through `PathSpec.MakePathSanitized` (`paths.Sanitize`, lowercase).
pub fn from_name(rule: Slugs, name: &str) -> String {
    match rule {
        Slugs::Ascii => slug::slugify(name),
        Slugs::Unicode => sanitize(&lowercase(name).replace(' ', "-")),
    }
}

/// A front-matter `slug`: Hugo sanitizes it without the space-to-hyphen step first.
pub fn from_slug(rule: Slugs, slug: &str) -> String {
    match rule {
        Slugs::Ascii => slug::slugify(slug),
        Slugs::Unicode => lowercase(&sanitize(slug)),
    }
}

/// A folder below `content/` (`a/b`), each part as [`from_name`].
pub fn from_folder(rule: Slugs, folder: &str) -> String {
    folder
        .split('/')
        .map(|part| from_name(rule, part))
        .collect::<Vec<_>>()
        .join("/")
}

/// A heading's id from its text: Hugo's default `autoIDType = "github"`
/// (`markup/goldmark/autoid.go`): trimmed; a space or hyphen becomes a hyphen; letters,
/// digits and `_` are kept, lowercased; everything else is dropped.
pub fn anchor(rule: Slugs, text: &str) -> String {
    let id: String = match rule {
        Slugs::Ascii => slug::slugify(text),
        Slugs::Unicode => text
            .trim()
            .chars()
            .filter_map(|c| match c {
                '-' | ' ' => Some('-'),
                c if c == '_' || is_letter(c) || is_digit(c) => Some(lower(c)),
                _ => None,
            })
            .collect(),
    };
    match (id.is_empty(), rule) {
        (false, _) => id,
        (true, Slugs::Unicode) => "heading".into(),
        (true, Slugs::Ascii) => "section".into(),
    }
}

/// Hugo's `paths.Sanitize`: keeps letters, digits, marks, `./_#+~-@` and `%XX` (Hugo also `\`); a run
/// of whitespace inside the name becomes one hyphen (none beside a hyphen); drops the rest.
fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut hyphen_due, mut was_hyphen) = (false, false);
    for (i, c) in s.char_indices() {
        if allowed_in_path(s, i, c) {
            was_hyphen = c == '-';
            if hyphen_due && !was_hyphen {
                out.push('-');
            }
            hyphen_due = false;
            out.push(c);
        } else if !out.is_empty() && !was_hyphen && c.is_whitespace() {
            hyphen_due = true;
        }
    }
    out
}

fn allowed_in_path(s: &str, i: usize, c: char) -> bool {
    let hex = |j: usize| s.as_bytes().get(j).is_some_and(u8::is_ascii_hexdigit);
    c != ' '
        && (is_letter(c)
            || is_digit(c)
            // Hugo keeps `\` too, but browsers read it as `/` in a URL, so a name of one
            // backslash would stand for its section's own page: folio drops it.
            || matches!(c, '.' | '/' | '_' | '#' | '+' | '~' | '-' | '@')
            || c.general_category_group() == GeneralCategoryGroup::Mark
            || (c == '%' && i + 2 < s.len() && hex(i + 1) && hex(i + 2)))
}

/// Go's `unicode.IsLetter`: general category L.
fn is_letter(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Letter
}

/// Go's `unicode.IsDigit`: general category Nd.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || c.general_category() == unicode_properties::GeneralCategory::DecimalNumber
}

/// Go's `strings.ToLower`: each character by its simple lowercase mapping.
fn lowercase(s: &str) -> String {
    s.chars().map(lower).collect()
}

/// Go's `unicode.ToLower`. Only `İ` lowercases to two characters in Rust, and its simple
/// mapping is the first of them.
fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `TestSanitize` in Hugo's `common/paths/path_test.go`.
    #[test]
    fn sanitize_matches_hugo() {
        let cases = [
            ("  Foo bar  ", "Foo-bar"),
            ("Foo.Bar/foo_Bar-Foo", "Foo.Bar/foo_Bar-Foo"),
            ("fOO,bar:foobAR", "fOObarfoobAR"),
            ("FOo/BaR.html", "FOo/BaR.html"),
            ("FOo/Ba---R.html", "FOo/Ba---R.html"),
            ("FOo/Ba       R.html", "FOo/Ba-R.html"),
            ("трям/трям", "трям/трям"),
            ("은행", "은행"),
            ("Банковский кассир", "Банковский-кассир"),
            ("संस्कृत", "संस्कृत"),
            ("a%C3%B1ame", "a%C3%B1ame"),
            ("this+is+a+test", "this+is+a+test"),
            ("~foo", "~foo"),
            // `TestMakePath` in helpers/path_test.go
            ("%20 %2", "%20-2"),
            ("foo- bar", "foo-bar"),
            ("foo--bar", "foo--bar"),
            ("foo@bar", "foo@bar"),
            (
                "dot.slash/backslash\\underscore_pound#plus+hyphen-",
                // Hugo keeps the backslash; folio drops it (see `allowed_in_path`).
                "dot.slash/backslashunderscore_pound#plus+hyphen-",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(sanitize(input), expected, "{input:?}");
        }
    }

    /// What Hugo 0.168 published for these file names and tags (checked by building a
    /// site with them).
    #[test]
    fn names_and_terms_as_hugo_publishes_them() {
        let cases = [
            ("01-基础与核心概念", "01-基础与核心概念"),
            ("04-Few-Shot-Learning", "04-few-shot-learning"),
            ("Hello World (Draft)", "hello-world-draft"),
            ("a - b", "a---b"),
            ("C++ & Rust", "c++--rust"),
            ("x,y;z=1", "xyz1"),
            ("100%", "100"),
            ("100% Done", "100-done"),
            ("tilde~at@plus+", "tilde~at@plus+"),
            ("quote'bang!", "quotebang"),
            ("Ärger Straße", "ärger-straße"),
            ("Résumé", "résumé"),
            ("迁移学习", "迁移学习"),
            ("机器学习（ML）", "机器学习ml"),
            ("Teacher-Student", "teacher-student"),
            ("Few-Shot Learning", "few-shot-learning"),
            ("A/B Testing", "a/b-testing"),
            ("Q&A", "qa"),
            ("Node.js", "node.js"),
            ("Hello, World!", "hello-world"),
        ];
        for (input, expected) in cases {
            assert_eq!(from_name(Slugs::Unicode, input), expected, "{input:?}");
        }
        assert_eq!(from_slug(Slugs::Unicode, "My Slug - Here"), "my-slug-here");
        assert_eq!(from_slug(Slugs::Unicode, "基础 与 A/B"), "基础-与-a/b");
        assert_eq!(
            from_folder(Slugs::Unicode, "Machine Learning/Deep Dive"),
            "machine-learning/deep-dive"
        );
    }

    #[test]
    fn ascii_rule_transliterates() {
        assert_eq!(
            from_name(Slugs::Ascii, "01-基础与核心概念"),
            "01-ji-chu-yu-he-xin-gai-nian"
        );
        assert_eq!(from_name(Slugs::Ascii, "A/B Testing"), "a-b-testing");
        assert_eq!(
            anchor(Slugs::Ascii, "Pre-training & Fine-tuning"),
            "pre-training-fine-tuning"
        );
    }

    /// `TestSanitizeAnchorName` in Hugo's `markup/goldmark/autoid_test.go`, and headings
    /// Hugo 0.168 rendered.
    #[test]
    fn anchors_match_hugo() {
        let cases = [
            ("God is good: 神真美好", "god-is-good-神真美好"),
            ("Number 32", "number-32"),
            ("Question?", "question"),
            ("1+2=3", "123"),
            ("Special !\"#$%&(parens)=?´* chars", "special-parens-chars"),
            ("Resumé", "resumé"),
            ("One-Hyphen", "one-hyphen"),
            ("Multiple--Hyphens", "multiple--hyphens"),
            ("Trailing hyphen-", "trailing-hyphen-"),
            ("Many   spaces  here", "many---spaces--here"),
            ("Forward/slash", "forwardslash"),
            ("Backward\\slash", "backwardslash"),
            ("Under_score", "under_score"),
            ("Nonbreaking\u{a0}Space", "nonbreakingspace"),
            ("Tab\tSpace", "tabspace"),
            ("直接属性预测（DAP）", "直接属性预测dap"),
            ("Hello, World! What’s new?", "hello-world-whats-new"),
            ("Pre-training & Fine-tuning", "pre-training--fine-tuning"),
            ("A/B Testing: code and bold", "ab-testing-code-and-bold"),
            ("Ünïcödé Straße İstanbul", "ünïcödé-straße-istanbul"),
            ("?!", "heading"),
        ];
        for (input, expected) in cases {
            assert_eq!(anchor(Slugs::Unicode, input), expected, "{input:?}");
        }
    }
}
