use super::*;

const BASE: &str = "base_url = \"https://x.org/blog/\"\ntitle = \"T\"\ndescription = \"D\"\n";

fn parse(extra: &str) -> Result<Config> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/zh")).unwrap();
    Config::parse(&format!("{BASE}{extra}"), &dir.path().join("config.toml"))
}

fn error(extra: &str) -> String {
    let e = parse(extra).unwrap_err().to_string();
    e.rsplit_once("config.toml:")
        .map_or(e.clone(), |(_, rest)| rest.to_string())
}

#[test]
fn one_language_without_a_table() {
    let config = parse("").unwrap();
    let languages = Languages::new(&config);
    assert_eq!(languages.len(), 1);
    let en = languages.default_language();
    assert_eq!(
        (en.key.as_str(), en.code.as_str(), en.locale.as_str()),
        ("en", "en", "en")
    );
    assert_eq!(en.root.url(&config), "https://x.org/blog/");
    assert!(en.is_default && !en.cjk);
}

#[test]
fn languages_in_weight_order_with_defaults() {
    let config = parse(
        "default_language_in_subfolder = true\n[extra]\nx = 1\ny = { a = 1, b = 2 }\n\
         [[menu]]\nname = \"Home\"\npath = \"/\"\n\
         [languages.zh]\nweight = 2\ncode = \"zh-CN\"\ntitle = \"中文\"\ncontent_dir = \"content/zh\"\ntaxonomies = [\"tags\"]\n\
         [[languages.zh.menu]]\nname = \"首页\"\npath = \"/\"\n[languages.zh.extra]\ny = { b = 3 }\n\
         [languages.en]\nweight = 1\nname = \"English\"\n",
    )
    .unwrap();
    let languages = Languages::new(&config);
    let keys: Vec<&str> = languages.iter().map(|l| l.key.as_str()).collect();
    assert_eq!(keys, ["en", "zh"]);
    let (en, zh) = (&languages.get(LangId(0)), &languages.get(LangId(1)));
    assert_eq!(en.root.url(&config), "https://x.org/blog/en/");
    assert_eq!(zh.root.url(&config), "https://x.org/blog/zh/");
    assert_eq!((zh.locale.as_str(), zh.name.as_str()), ("zh_CN", "zh"));
    assert_eq!((zh.title.as_str(), en.title.as_str()), ("中文", "T"));
    assert_eq!(zh.description, "D");
    assert!(zh.cjk && !en.cjk);
    assert_eq!(zh.content_dir.as_deref(), Some(Path::new("content/zh")));
    assert_eq!(zh.extra["x"].as_integer(), Some(1));
    assert_eq!(zh.extra["y"]["a"].as_integer(), Some(1));
    assert_eq!(zh.extra["y"]["b"].as_integer(), Some(3));
    assert_eq!(en.extra["y"]["b"].as_integer(), Some(2));
    assert_eq!(languages.find("zh-CN").map(|l| l.id), Some(zh.id));
    assert_eq!((zh.taxonomies.len(), en.taxonomies.len()), (1, 3));
    assert_eq!(
        (zh.menu[0].name.as_str(), en.menu[0].name.as_str()),
        ("首页", "Home")
    );
}

#[test]
fn the_default_language_lives_at_the_root() {
    let config = parse("[languages.en]\n[languages.fr]\n").unwrap();
    let languages = Languages::new(&config);
    let roots: Vec<String> = languages.iter().map(|l| l.root.url(&config)).collect();
    assert_eq!(roots, ["https://x.org/blog/", "https://x.org/blog/fr/"]);
}

#[test]
fn errors_name_line_and_column() {
    let e = error("default_language = \"de\"\n[languages.en]\n[languages.zh]\n");
    assert!(e.starts_with("4:20:") && e.contains("(en, zh)"), "{e}");
    let e = error("[languages.fr]\n");
    assert!(e.starts_with("4:1:") && e.contains("\"en\""), "{e}");
    let e = error(
        "[languages.en]\ncontent_dir = \"content/zh\"\n[languages.zh]\ncontent_dir = \"content/zh/\"\n",
    );
    assert!(
        e.starts_with("7:15:") && e.contains("also the content folder of en"),
        "{e}"
    );
    let e = error("[languages.en]\n[languages.\"pt br\"]\n");
    assert!(
        e.starts_with("5:1:") && e.contains("letters, digits"),
        "{e}"
    );
    let e = error("[languages.en]\ncolour = 1\n");
    assert!(e.starts_with("5:1:") && e.contains("colour"), "{e}");
    let e = error("[languages.en.words]\ncontents = \"Inhalt\"\npart_off = \"x\"\n");
    assert!(
        e.starts_with("6:1: in [languages.en.words]: `part_off` is not one of the theme's words"),
        "{e}"
    );
}
