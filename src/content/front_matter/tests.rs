use super::*;

fn parse(text: &str) -> Result<Source> {
    parse_source(
        Path::new("a.md"),
        text,
        &["tags".to_string(), "authors".into()],
    )
}

fn error(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

#[test]
fn front_matter_yaml_and_toml() {
    let yaml = "---\ntitle: \"A\"\ndate: 2025-05-13 09:00:00\ncategories: Transfer Learning\nmathjax: true\n---\nBody\n";
    let s = parse(yaml).unwrap();
    assert_eq!(s.meta.title.as_deref(), Some("A"));
    assert_eq!(s.meta.terms("categories"), ["Transfer Learning"]);
    assert_eq!(s.meta.extra["mathjax"], Value::Bool(true));
    assert_eq!(s.body, "Body\n");
    assert_eq!(s.body_line, 7);
    let toml = "+++\ntitle = \"B\"\ndate = 2025-05-13T09:00:00Z\ntags = [\"x\", \"y\"]\n+++\n";
    let s = parse(toml).unwrap();
    assert_eq!(s.meta.terms("tags"), ["x", "y"]);
    assert_eq!(
        s.meta.date.unwrap().to_string(),
        "2025-05-13T09:00:00+00:00"
    );
}

#[test]
fn every_field_in_both_formats() {
    let toml = "+++\ntitle = 2024\ndraft = true\nslug = \"s\"\nweight = -3\nseries_order = 2\naliases = \"/old/\"\nsort_by = \"weight\"\nlastmod = 2025-01-02\nupdated = 2025-01-03\n+++\n";
    let yaml = "---\ntitle: 2024\ndraft: true\nslug: s\nweight: -3\nseries_order: 2\naliases: /old/\nsort_by: weight\nlastmod: 2025-01-02\nupdated: 2025-01-03\n---\n";
    for text in [toml, yaml] {
        let meta = parse(text).unwrap().meta;
        assert_eq!(meta.title.as_deref(), Some("2024"), "{text}");
        assert!(meta.draft);
        assert_eq!(meta.slug.as_deref(), Some("s"));
        assert_eq!((meta.weight, meta.series_order), (Some(-3), Some(2)));
        assert_eq!(meta.aliases, ["/old/"]);
        assert_eq!(meta.sort_by, Some(SortBy::Weight));
        // `updated` wins over Hugo's `lastmod`, wherever each is written.
        assert_eq!(
            meta.updated.unwrap().to_string(),
            "2025-01-03T00:00:00+00:00"
        );
        assert!(meta.extra.is_empty(), "{:?}", meta.extra);
    }
}

#[test]
fn configured_taxonomies_at_the_top_level_and_in_zolas_table() {
    let toml = "+++\ntitle = \"A\"\nauthors = [\"Ann Example\"]\nseries = \"s\"\nflavour = \"x\"\n[taxonomies]\nauthors = [\"Bo\"]\ngenres = \"jazz\"\n[extra]\nmood = 1\n+++\n";
    let meta = parse(toml).unwrap().meta;
    assert_eq!(meta.terms("authors"), ["Ann Example", "Bo"]);
    assert_eq!(meta.terms("genres"), ["jazz"]);
    // The built-in taxonomies are terms even when the config leaves them out.
    assert_eq!(meta.terms("series"), ["s"]);
    assert_eq!(meta.extra["flavour"], "x");
    assert_eq!(meta.extra["mood"], 1);
    assert!(!meta.extra.contains_key("authors"));

    let yaml = "---\ntitle: A\nauthors: Ann Example\ntaxonomies:\n  genres: [jazz, folk]\n---\n";
    let meta = parse(yaml).unwrap().meta;
    assert_eq!(meta.terms("authors"), ["Ann Example"]);
    assert_eq!(meta.terms("genres"), ["jazz", "folk"]);
}

#[test]
fn extra_keeps_toml_dates_as_written() {
    let meta = parse("+++\ntitle = \"A\"\nshot = 2025-01-02T03:04:05Z\n+++\n")
        .unwrap()
        .meta;
    assert_eq!(meta.extra["shot"], "2025-01-02T03:04:05Z");
}

#[test]
fn bad_values_are_placed_by_the_parser() {
    let err = error("+++\ntitle = \"B\"\ndate = \"soon\"\n+++\n");
    assert!(err.starts_with("a.md:3:8: "), "{err}");
    assert!(err.contains("`date` is not a date: \"soon\""), "{err}");

    let err = error("---\ntitle: B\nweight: heavy\n---\n");
    assert!(err.starts_with("a.md:3:9: "), "{err}");
    assert!(
        err.contains("expected a whole number for `weight`"),
        "{err}"
    );

    let err = error("+++\ntitle = \"B\"\ntags = [\"a\", 1.5, {x = 1}]\n+++\n");
    assert!(err.starts_with("a.md:3:"), "{err}");
    assert!(err.contains("a string for `tags`"), "{err}");

    let err = error("---\ntitle: B\nsort_by: colour\n---\n");
    assert!(err.starts_with("a.md:3:10: "), "{err}");
    assert!(
        err.contains("use date, weight, title or series_order"),
        "{err}"
    );

    let err = error("+++\ntitle = \"B\"\ntaxonomies = \"tags\"\n+++\n");
    assert!(err.starts_with("a.md:3:14: "), "{err}");
    assert!(err.contains("taxonomy names"), "{err}");
}

/// A comment that names the key comes before the key: the error stays on the key's line.
#[test]
fn a_comment_naming_the_key_does_not_move_the_error() {
    let err = error(
        "+++\n# the date below is when it was written\ntitle = \"B\"\ndate = \"soon\"\n+++\n",
    );
    assert!(err.starts_with("a.md:4:8: "), "{err}");
    let err = error("---\n# draft: is it?\ntitle: B\ndraft: maybe\n---\n");
    assert!(err.starts_with("a.md:4:8: "), "{err}");
}

#[test]
fn yaml_that_is_not_fields() {
    let err = error("---\njust a sentence\n---\n");
    assert!(err.starts_with("a.md:2:"), "{err}");
    assert!(err.contains("invalid YAML front matter"), "{err}");
    let meta = parse("---\n# only a comment\n---\nBody\n").unwrap().meta;
    assert!(meta.title.is_none());
}
