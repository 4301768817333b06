use std::path::Path;

use hayagriva::citationberg::LocaleCode;

use super::*;
use crate::error::Location;
use crate::markdown::slots::{Citation, CiteItem, Slot};

const BIB: &str = r#"
@article{bendavid2010,
  author = {Ben-David, Shai and Blitzer, John and Crammer, Koby and Kulesza, Alex and Pereira, Fernando and Vaughan, Jennifer Wortman},
  title = {A theory of learning from different domains},
  journal = {Machine Learning},
  volume = {79},
  pages = {151--175},
  year = {2010},
  doi = {10.1007/s10994-009-5152-4},
}
@misc{hinton2015,
  author = {Hinton, Geoffrey and Vinyals, Oriol and Dean, Jeff},
  title = {Distilling the Knowledge in a Neural Network},
  year = {2015},
  url = {https://arxiv.org/abs/1503.02531},
}
@article{amp,
  author = {Doe, Jane},
  title = {Cats \& <dogs>},
  journal = {J},
  year = {2001},
}
"#;

fn item(key: &str, prefix: &str, suffix: &str, suppress_author: bool) -> CiteItem {
    CiteItem {
        key: key.into(),
        prefix: prefix.into(),
        suffix: suffix.into(),
        suppress_author,
        location: Location::new(Path::new("post.md"), 3, 7),
    }
}

fn cite(items: Vec<CiteItem>, in_text: bool) -> Slot {
    Slot::Cite(Citation { items, in_text })
}

fn run(style: &str, slots: &[Slot]) -> Result<Cited, Vec<crate::markdown::slots::Problem>> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("refs.bib");
    std::fs::write(&file, BIB).unwrap();
    let at = Location::new(Path::new("config.toml"), 1, 1);
    let library = Library::load(&[file], &at).unwrap();
    let style = CitationStyle::by_name(style).unwrap().load();
    let locales = hayagriva::archive::locales();
    let styling = Styling {
        style: &style,
        locale: LocaleCode("en-US".into()),
        locales: &locales,
    };
    format(slots, &[&library], &styling)
}

#[test]
fn ieee_numbers_and_links_each_work() {
    let slots = [
        cite(vec![item("hinton2015", "", "", false)], false),
        cite(
            vec![
                item("bendavid2010", "see", "p. 4", false),
                item("amp", "", "", false),
            ],
            false,
        ),
        cite(vec![item("hinton2015", "", "", false)], true),
    ];
    let cited = run("ieee", &slots).unwrap();
    assert_eq!(
        cited.citations[&0],
        "<span class=\"citation\"><a href=\"#ref-hinton2015\" role=\"doc-biblioref\">[1]</a></span>"
    );
    let second = &cited.citations[&1];
    assert!(
        second.contains("see <a href=\"#ref-bendavid2010\" role=\"doc-biblioref\">[2, p. 4]</a>"),
        "{second}"
    );
    assert!(
        second.contains("<a href=\"#ref-amp\" role=\"doc-biblioref\">[3]</a>"),
        "{second}"
    );
    assert!(
        cited.citations[&2].contains("Hinton") && cited.citations[&2].contains("[1]"),
        "{}",
        cited.citations[&2]
    );
    let list = &cited.entries;
    assert!(list.contains("id=\"ref-bendavid2010\""), "{list}");
    assert!(
        list.contains("<a href=\"https://doi.org/10.1007/s10994-009-5152-4\">"),
        "{list}"
    );
    assert!(
        list.contains("<a href=\"https://arxiv.org/abs/1503.02531\">"),
        "{list}"
    );
    assert!(list.contains("Cats &amp; &lt;dogs&gt;"), "{list}");
    assert!(
        list.contains("<span class=\"csl-left-margin\">[1]</span>"),
        "{list}"
    );
}

#[test]
fn apa_shows_authors_and_years() {
    let slots = [
        cite(vec![item("hinton2015", "", "", false)], false),
        cite(vec![item("bendavid2010", "", "", true)], false),
        cite(vec![item("bendavid2010", "", "", false)], true),
    ];
    let cited = run("apa", &slots).unwrap();
    assert!(
        cited.citations[&0].contains(
            "(<a href=\"#ref-hinton2015\" role=\"doc-biblioref\">Hinton et al., 2015</a>)"
        ),
        "{}",
        cited.citations[&0]
    );
    assert_eq!(
        cited.citations[&1],
        "<span class=\"citation\">(<a href=\"#ref-bendavid2010\" role=\"doc-biblioref\">2010</a>)</span>"
    );
    assert!(
        cited.citations[&2].contains("Ben-David et al. (2010)"),
        "{}",
        cited.citations[&2]
    );
    assert!(
        !cited.entries.contains("csl-left-margin"),
        "{}",
        cited.entries
    );
}

#[test]
fn unknown_keys_are_problems_at_their_place() {
    let slots = [cite(
        vec![
            item("nobody2020", "", "", false),
            item("hinton2015", "", "", false),
        ],
        false,
    )];
    let problems = run("ieee", &slots).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].location.to_string(), "post.md:3:7");
    assert!(
        problems[0]
            .message
            .starts_with("unknown citation key `nobody2020`"),
        "{}",
        problems[0].message
    );
}

#[test]
fn styles_are_known_by_name_and_bad_files_by_place() {
    assert!(CitationStyle::by_name("chicago-author-date").is_ok());
    assert!(
        CitationStyle::by_name("no-such-style")
            .unwrap_err()
            .contains("ieee, apa")
    );
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.bib");
    std::fs::write(&bad, "@article{a,\n  title = {x\n").unwrap();
    let at = Location::new(Path::new("config.toml"), 4, 1);
    let errors = Library::load(std::slice::from_ref(&bad), &at).unwrap_err();
    assert!(
        errors[0]
            .to_string()
            .starts_with(&format!("{}:", bad.display())),
        "{}",
        errors[0]
    );
    let missing = Library::load(&[dir.path().join("none.bib")], &at).unwrap_err();
    assert!(
        missing[0]
            .to_string()
            .starts_with("config.toml:4:1: cannot read the bibliography"),
        "{}",
        missing[0]
    );
}
