//! Every Hugo setting still in the tree once the mapping has taken what it carries over:
//! one line each, with the reason folio has no place for it.

use toml::{Table, Value};

use super::report::Notes;
use super::tree::KeyPath;

const PAGINATION: &str = "folio's pages of a list are always at LIST/page/N/";
const THEME: &str = "Hugo themes are Go templates; folio's templates are Tera, in templates/ (the built-in ones serve until the theme is ported)";
const SERVICES: &str =
    "Hugo's built-in analytics, comments and embeds are Go templates: add them to templates/";
const LINE_NUMBERS: &str = "folio does not number code lines";
const FALLBACK: &str = "folio has no such setting";

/// Lowercased key prefixes (`*` matches any one key) and why folio has no place for them;
/// the longest prefix that matches gives the reason.
const REASONS: &[(&str, &str)] = &[
    ("theme", THEME),
    ("themesdir", THEME),
    (
        "module.imports",
        "Hugo modules are Go templates and assets that folio cannot use",
    ),
    ("module", "folio has no modules"),
    (
        "outputformats",
        "folio writes HTML pages and RSS feeds only",
    ),
    ("mediatypes", "folio writes HTML pages and RSS feeds only"),
    ("pagination", PAGINATION),
    ("paginatepath", PAGINATION),
    (
        "pagination.disablealiases",
        "folio always writes LIST/page/1/, redirecting to the list",
    ),
    (
        "build",
        "folio has no asset pipeline, so none of Hugo's build settings",
    ),
    (
        "markup.highlight.style",
        "folio's code colours are highlight.css (light and dark), not a named style",
    ),
    ("markup.highlight.linenos", LINE_NUMBERS),
    ("markup.highlight.linenumbersintable", LINE_NUMBERS),
    ("markup.highlight.linenostart", LINE_NUMBERS),
    ("markup.highlight.anchorlinenos", LINE_NUMBERS),
    ("markup.highlight.lineanchors", LINE_NUMBERS),
    (
        "markup.highlight.tabwidth",
        "folio keeps tabs in code as written",
    ),
    (
        "markup.highlight.guesssyntax",
        "folio highlights the code blocks that name their language",
    ),
    (
        "markup.highlight",
        "folio's highlighting has one setting, [highlight] enabled",
    ),
    (
        "markup.goldmark.renderer.unsafe",
        "Hugo left raw HTML out of pages; folio keeps it",
    ),
    (
        "markup.goldmark.extensions.linkify",
        "folio links only URLs written as links or in <…>",
    ),
    (
        "markup.goldmark",
        "folio's Markdown (pulldown-cmark) has fixed settings: see the README",
    ),
    ("markup", "folio renders Markdown only, with fixed settings"),
    ("services", SERVICES),
    ("googleanalytics", SERVICES),
    ("disquseshortname", SERVICES),
    ("privacy", SERVICES),
    ("security", "folio runs no external programs"),
    ("minify", "folio does not minify its output"),
    ("enablerobotstxt", "folio always writes robots.txt"),
    ("enableemoji", "folio leaves :emoji: codes as text"),
    ("enablegitinfo", "folio takes dates from front matter only"),
    (
        "frontmatter",
        "folio takes dates from date and updated (or lastmod) only",
    ),
    (
        "timezone",
        "folio reads a date without an offset as UTC: give dates one, or pubDates move",
    ),
    (
        "sitemap",
        "folio's sitemap lists every page, without changefreq or priority",
    ),
    ("related", "folio has no related-content index"),
    ("imaging", "folio does not process images"),
    (
        "caches",
        "folio's only cache is its formula cache, .folio-cache/",
    ),
    ("disablekinds", "folio writes every kind of page"),
    ("uglyurls", "folio writes every page as FOLDER/index.html"),
    (
        "canonifyurls",
        "folio writes links as the templates make them",
    ),
    (
        "relativeurls",
        "folio writes links as the templates make them",
    ),
    (
        "cascade",
        "folio has no cascade: put the fields in each page's front matter",
    ),
    ("menus", "folio's menu entries have a name and a path only"),
    (
        "languages.*.languagedirection",
        "folio has no right-to-left setting",
    ),
    (
        "builddrafts",
        "folio builds drafts with `folio build --drafts`",
    ),
    (
        "cleandestinationdir",
        "folio always writes a fresh output folder",
    ),
    ("deployment", "folio does not deploy"),
    (
        "server",
        "`folio serve` has no headers or redirects settings",
    ),
];

/// Reports every setting in `table` (below `at`), each table down to its settings.
pub fn report(table: Table, at: &KeyPath, notes: &mut Notes) {
    for (key, value) in table {
        let path = at.key(&key);
        match value {
            Value::Table(inner) => report(inner, &path, notes),
            value => notes.not_carried(&path, Some(&value), reason(&path)),
        }
    }
}

fn reason(path: &KeyPath) -> &'static str {
    let keys = path.keys();
    let best = |keys: &[String]| {
        REASONS
            .iter()
            .filter(|(pattern, _)| matches(pattern, keys))
            .max_by_key(|(pattern, _)| pattern.split('.').count())
            .map(|(_, why)| *why)
    };
    // A language may set most top-level settings for itself: `languages.zh.markup…`.
    let in_language = match keys.as_slice() {
        [languages, _, rest @ ..] if languages == "languages" => best(rest),
        _ => None,
    };
    best(&keys).or(in_language).unwrap_or(FALLBACK)
}

fn matches(pattern: &str, keys: &[String]) -> bool {
    let parts: Vec<&str> = pattern.split('.').collect();
    parts.len() <= keys.len()
        && parts
            .iter()
            .zip(keys)
            .all(|(part, key)| *part == "*" || part == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_leftover_setting_gets_a_line_with_the_closest_reason() {
        let table: Table = toml::from_str(
            "theme = 'x'\nenableEmoji = true\n[markup.highlight]\nstyle = 'one-dark'\nhl_inline = true\n\
             [languages.zh]\nlanguageURL = '/zh/'\n[languages.zh.pagination]\npath = 'seite'\n[empty]\n",
        )
        .unwrap();
        let mut notes = Notes::default();
        report(table, &KeyPath::default(), &mut notes);
        let lines = notes.lines();
        assert_eq!(
            lines,
            [
                "enableEmoji = true: not carried over: folio leaves :emoji: codes as text".to_string(),
                format!("languages.zh.languageURL = \"/zh/\": not carried over: {FALLBACK}"),
                format!("languages.zh.pagination.path = \"seite\": not carried over: {PAGINATION}"),
                "markup.highlight.hl_inline = true: not carried over: folio's highlighting has one setting, [highlight] enabled".into(),
                "markup.highlight.style = \"one-dark\": not carried over: folio's code colours are highlight.css (light and dark), not a named style".into(),
                format!("theme = \"x\": not carried over: {THEME}"),
            ]
        );
    }
}
