//! `folio import hugo` through the binary: every form of a Hugo config, refusing to
//! replace a config.toml, errors with file:line:col, and the author's real hugo.toml.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{copy_tree, repo, shared};
use toml::{Table, Value};

fn fixture(form: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &repo().join("tests/fixtures/import-hugo").join(form),
        dir.path(),
    );
    dir
}

/// Runs `folio import hugo ARGS` in `dir`, as an author in the site folder would.
fn import(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["import", "hugo"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run folio")
}

fn stdout_ok(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "import failed: {stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr_err(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "expected exit 1: {out:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn written(dir: &Path) -> Table {
    let text = std::fs::read_to_string(dir.join("config.toml")).unwrap();
    text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The printed lines of settings not carried over, without the file of `site` that each
/// came from.
fn not_carried(stdout: &str, site: &Path) -> Vec<String> {
    let mut lines: Vec<String> = stdout
        .lines()
        .filter(|l| l.contains(": not carried over: "))
        .map(|l| match l.split_once(": ") {
            Some((file, rest)) if site.join(file).is_file() => rest.to_string(),
            _ => l.to_string(),
        })
        .collect();
    lines.sort();
    lines
}

#[test]
fn every_form_of_a_hugo_config_gives_the_same_folio_config() {
    let expected_text =
        std::fs::read_to_string(repo().join("tests/fixtures/import-hugo/expected.toml")).unwrap();
    let expected: Table = expected_text.parse().unwrap();
    let expected_lines = [
        "enableEmoji = true: not carried over: folio leaves :emoji: codes as text",
        "markup.highlight.style = \"dracula\": not carried over: folio's code colours are highlight.css (light and dark), not a named style",
        "markup.tableOfContents.endLevel = 3: not carried over: folio's table of contents has the levels 2 to 4",
        "menus.footer: not carried over: folio has one menu, made from Hugo's main menu",
        "outputs.section = [\"HTML\"]: not carried over: folio writes RSS here too",
        "outputs.taxonomy = [\"HTML\", \"RSS\"] (Hugo's default): not carried over: folio writes no RSS",
        "theme = \"paper\": not carried over: Hugo themes are Go templates; folio's templates are Tera, in templates/ (the built-in ones serve until the theme is ported)",
    ];
    for form in ["toml", "yaml", "json", "dir"] {
        let site = fixture(form);
        let stdout = stdout_ok(&import(site.path(), &[]));
        assert_eq!(written(site.path()), expected, "{form}");
        assert_eq!(
            not_carried(&stdout, site.path()),
            expected_lines,
            "{form}:\n{stdout}"
        );
        assert!(
            stdout
                .contains("set [math] errors = \"warn\": Hugo's math was rendered in the browser"),
            "{stdout}"
        );
        let last = stdout.lines().last().unwrap();
        assert_eq!(
            last,
            "wrote config.toml: languages de, ja; 5 menu entries; taxonomies tags, topics; 2 values in [extra]; 7 Hugo settings not carried over (above)",
            "{form}"
        );
    }
}

#[test]
fn the_config_folder_is_merged_over_the_root_file_and_lines_name_their_file() {
    let site = fixture("dir");
    let stdout = stdout_ok(&import(site.path(), &[]));
    for line in [
        "config.json: not read: Hugo reads hugo.toml and ignores this file",
        "config/development: not read: `hugo` builds with config/_default/ and config/production/ only",
        "hugo.toml: theme = \"paper\": not carried over:",
        "config/_default/markup.toml: markup.highlight.style = \"dracula\": not carried over:",
        "config/_default/menus.toml: menus.footer: not carried over:",
    ] {
        assert!(stdout.contains(line), "{line}\n---\n{stdout}");
    }
    let text = std::fs::read_to_string(site.path().join("config.toml")).unwrap();
    assert!(
        text.starts_with("# folio's config, written by `folio import hugo` from hugo.toml and config/ (15 files).\n"),
        "{text}"
    );
}

#[test]
fn root_option_works_from_another_folder() {
    let site = fixture("yaml");
    let elsewhere = tempfile::tempdir().unwrap();
    let root = site.path().to_str().unwrap();
    let stdout = stdout_ok(&import(elsewhere.path(), &["--root", root]));
    assert!(site.path().join("config.toml").is_file());
    assert!(!elsewhere.path().join("config.toml").exists());
    let target = site.path().join("config.toml");
    assert!(
        stdout.contains(&format!("wrote {}:", target.display())),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{}: theme",
            site.path().join("hugo.yaml").display()
        )),
        "{stdout}"
    );
}

#[test]
fn an_existing_config_toml_is_replaced_only_with_force() {
    let site = fixture("toml");
    let config = site.path().join("config.toml");
    std::fs::write(&config, "# the author's own\n").unwrap();
    let stderr = stderr_err(&import(site.path(), &[]));
    assert_eq!(
        stderr.trim(),
        "error: config.toml already exists: run `folio import hugo --force` to replace it"
    );
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "# the author's own\n"
    );
    let stdout = stdout_ok(&import(site.path(), &["--force"]));
    assert!(
        stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("replaced config.toml: "),
        "{stdout}"
    );
    assert_eq!(written(site.path())["title"].as_str(), Some("Field Notes"));
    // A second import reads hugo.toml again, not the config.toml it wrote.
    stdout_ok(&import(site.path(), &["--force"]));
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn hugos_own_config_toml_is_never_overwritten() {
    let site = tempfile::tempdir().unwrap();
    let hugo = "baseURL = \"https://example.org/\"\ntitle = \"T\"\n";
    std::fs::write(site.path().join("config.toml"), hugo).unwrap();
    let stderr = stderr_err(&import(site.path(), &["--force"]));
    assert!(
        stderr.contains(
            "config.toml is Hugo's config, where folio's config.toml goes: rename it to hugo.toml"
        ),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(site.path().join("config.toml")).unwrap(),
        hugo
    );
}

#[test]
fn bad_hugo_config_is_an_error_at_file_line_and_column() {
    let cases: [(&str, &str, &str); 4] = [
        (
            "hugo.toml",
            "title = \"T\"\n[params\nx = 1\n",
            "hugo.toml:2:8: not valid TOML: ",
        ),
        (
            "config/_default/params.yaml",
            "a: 1\nb: [1, 2\n",
            "config/_default/params.yaml:3:1: not valid YAML: ",
        ),
        (
            "hugo.json",
            "{\"title\": \"T\",,}\n",
            "hugo.json:1:15: not valid JSON: ",
        ),
        (
            "hugo.toml",
            "title = \"T\"\n  baseURL = \"/\"\n",
            "hugo.toml:2:3: baseURL = \"/\" is not an absolute http(s) URL: folio needs the site's full address",
        ),
    ];
    for (file, text, expected) in cases {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join(file).parent().unwrap()).unwrap();
        std::fs::write(site.path().join(file), text).unwrap();
        let stderr = stderr_err(&import(site.path(), &[]));
        assert!(
            stderr.starts_with(&format!("error: {expected}")),
            "{stderr}"
        );
        assert!(!site.path().join("config.toml").exists(), "{file}");
    }
}

#[test]
fn a_folder_without_hugo_config_or_without_a_base_url_is_an_error() {
    let empty = tempfile::tempdir().unwrap();
    let stderr = stderr_err(&import(empty.path(), &[]));
    assert!(
        stderr.starts_with("error: no Hugo config in this folder (hugo.toml, "),
        "{stderr}"
    );
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("hugo.yaml"), "title: T\n").unwrap();
    let stderr = stderr_err(&import(site.path(), &[]));
    assert!(
        stderr.starts_with("error: hugo.yaml:1:1: no baseURL: "),
        "{stderr}"
    );
    std::fs::write(
        site.path().join("hugo.yaml"),
        "baseURL: https://x.org/\ndefaultContentLanguage: fr\nlanguages:\n  en: {}\n",
    )
    .unwrap();
    let stderr = stderr_err(&import(site.path(), &[]));
    assert!(
        stderr.starts_with(
            "error: hugo.yaml:2:1: defaultContentLanguage = \"fr\" is none of the languages (en)"
        ),
        "{stderr}"
    );
}

/// The author's `hugo.toml`, unchanged, beside a copy of the English posts.
#[test]
fn the_authors_hugo_toml() {
    let Some(site) = common::authors_hugo_site() else {
        return;
    };
    let corpus = shared().join("corpus/chenk-top");
    let stdout = stdout_ok(&import(site.path(), &[]));
    let hugo: Table = std::fs::read_to_string(corpus.join("hugo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_authors_config(&written(site.path()), &hugo);
    assert_authors_lines(&stdout);
}

fn assert_authors_config(config: &Table, hugo: &Table) {
    let text = |v: &Value| v.as_str().unwrap().to_string();
    assert_eq!(text(&config["base_url"]), "https://www.chenk.top/");
    assert_eq!(text(&config["title"]), text(&hugo["title"]));
    assert_eq!(config["default_language"].as_str(), Some("en"));
    assert_eq!(
        config["default_language_in_subfolder"].as_bool(),
        Some(true)
    );
    assert_eq!(config["has_cjk_language"].as_bool(), Some(true));
    assert_eq!(config["summary_length"].as_integer(), Some(70));
    let taxonomies: Vec<&str> = config["taxonomies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(taxonomies, ["categories", "series", "tags"]);
    for (key, name, code, weight) in [("en", "English", "en", 1), ("zh", "简体中文", "zh-CN", 2)]
    {
        let language = &config["languages"][key];
        assert_eq!(language["name"].as_str(), Some(name));
        assert_eq!(language["code"].as_str(), Some(code));
        assert_eq!(language["weight"].as_integer(), Some(weight));
        assert_eq!(
            language["content_dir"].as_str(),
            Some(format!("content/{key}").as_str())
        );
        assert_eq!(
            language["description"],
            hugo["languages"][key]["params"]["description"]
        );
    }
    let menu: Vec<(&str, &str)> = config["menu"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["name"].as_str().unwrap(), m["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        menu,
        [
            ("Home", "/"),
            ("Series", "/series/"),
            ("Projects", "/projects/"),
            ("Archives", "/archives/"),
            ("About", "/about/")
        ]
    );
    let math = &config["math"];
    assert_eq!(math["errors"].as_str(), Some("warn"));
    let switches = [
        "inline_dollar",
        "display_dollar",
        "inline_backslash",
        "display_backslash",
    ]
    .map(|k| math[k].as_bool().unwrap());
    assert_eq!(
        switches,
        [true, true, false, false],
        "Hugo's '\\\\[' is two backslashes"
    );
    assert_eq!(config["highlight"]["enabled"].as_bool(), Some(true));
    assert_eq!(
        config["paginate_by"].as_integer(),
        Some(10),
        "pagination.pagerSize"
    );
    // params: author has its own key, everything else is [extra] as written.
    let mut params = hugo["params"].as_table().unwrap().clone();
    assert_eq!(params.remove("author"), config.get("author").cloned());
    assert_eq!(config["extra"].as_table(), Some(&params));
}

fn assert_authors_lines(stdout: &str) {
    let subjects: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("hugo.toml: "))
        .filter_map(|l| {
            l.split_once(": not carried over: ")
                .map(|(subject, _)| subject)
        })
        .collect();
    assert_eq!(
        subjects,
        [
            "build.writeStats = false",
            "languages.zh.languageURL = \"/zh/\"",
            "markup.goldmark.extensions.passthrough.delimiters.block[1] = ['\\\\[', '\\\\]']",
            "markup.goldmark.extensions.passthrough.delimiters.inline[1] = ['\\\\(', '\\\\)']",
            "markup.highlight.lineNos = true",
            "markup.highlight.lineNumbersInTable = true",
            "markup.highlight.style = \"one-dark\"",
            "markup.highlight.tabWidth = 2",
            "outputs.home = [\"HTML\", \"RSS\", \"JSON\"]",
            "permalinks.posts = \"/:sections/:slug/\"",
            "theme = \"chenk\"",
        ],
        "{stdout}"
    );
    for expected in [
        "outputs.home = [\"HTML\", \"RSS\", \"JSON\"]: not carried over: folio writes no JSON",
        "theme = \"chenk\": not carried over: Hugo themes are Go templates",
        "set [math] errors = \"warn\": Hugo's math was rendered in the browser, where no formula was ever checked",
    ] {
        assert!(stdout.contains(expected), "{expected}\n---\n{stdout}");
    }
    let last = stdout.lines().last().unwrap();
    assert_eq!(
        last,
        "wrote config.toml: languages en, zh; 5 menu entries; taxonomies categories, series, tags; 6 values in [extra]; 11 Hugo settings not carried over (above)"
    );
}
