use std::path::Path;

use super::*;
use crate::error::Location;
use crate::markdown::slots::Label;

fn label(name: &str, kind: LabelKind, manual: Option<&str>) -> Label {
    Label {
        name: name.into(),
        kind,
        manual: manual.map(String::from),
        location: Location::new(Path::new("x.md"), 1, 1),
    }
}

fn docs(labels: &[Vec<Label>]) -> Vec<Document<'_>> {
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| Document {
            path: Path::new(["a.md", "b.md", "c.md", "d.md"][i]),
            url: format!("https://e.org/s/{}/", ["a", "b", "c", "d"][i]),
            // The first three are parts 1–3 of one series; the last stands alone.
            series: (i < 3).then_some((0, i + 1)),
            labels: l,
        })
        .collect()
}

#[test]
fn numbers_per_page_and_per_series() {
    let labels = vec![
        vec![],
        vec![
            label("eq-a", LabelKind::Equation, None),
            label("fig-a", LabelKind::Figure, None),
            label("eq-t", LabelKind::Equation, Some("*")),
            label("eq-b", LabelKind::Equation, None),
        ],
    ];
    let docs = docs(&labels);
    let page = Numbers::new(&docs, Numbering::Page);
    assert_eq!(
        [
            page.get(1, 0),
            page.get(1, 1),
            page.get(1, 2),
            page.get(1, 3)
        ],
        ["1", "1", "*", "2"]
    );
    let series = Numbers::new(&docs, Numbering::Series);
    assert_eq!([series.get(1, 0), series.get(1, 3)], ["2.1", "2.2"]);
}

#[test]
fn references_resolve_on_the_page_then_the_series_then_by_link() {
    let labels = vec![
        vec![label("eq-a", LabelKind::Equation, None)],
        vec![
            label("eq-b", LabelKind::Equation, None),
            label("eq-s", LabelKind::Equation, None),
        ],
        vec![
            label("eq-a", LabelKind::Equation, None),
            label("eq-s", LabelKind::Equation, None),
        ],
        vec![label("eq-d", LabelKind::Equation, None)],
    ];
    let docs = docs(&labels);
    let index = Index::new(&docs);
    let at = |doc, label| Target { doc, label };
    assert_eq!(index.find(0, "eq-a", None), Ok(at(0, 0)));
    assert_eq!(index.find(0, "eq-b", None), Ok(at(1, 0)));
    assert_eq!(index.find(1, "eq-a", Some("../c/")), Ok(at(2, 0)));
    assert_eq!(index.find(1, "eq-a", Some("/s/c/#x")), Ok(at(2, 0)));
    assert_eq!(
        index.find(3, "eq-a", Some("https://e.org/s/a")),
        Ok(at(0, 0))
    );
    let ambiguous = index.find(0, "eq-s", None).unwrap_err();
    assert!(
        ambiguous.contains("several parts of this series") && ambiguous.contains("b.md, c.md"),
        "{ambiguous}"
    );
    let outside = index.find(3, "eq-b", None).unwrap_err();
    assert!(
        outside.contains("b.md has one") && outside.contains("[@eq-b](https://e.org/s/b/)"),
        "{outside}"
    );
    let unknown = index.find(0, "eq-zz", None).unwrap_err();
    assert!(unknown.starts_with("unknown label `eq-zz`"), "{unknown}");
    assert!(
        index
            .find(0, "eq-a", Some("../nowhere/"))
            .unwrap_err()
            .contains("not a page of this site")
    );
    assert!(
        index
            .find(0, "eq-d", Some("../b/"))
            .unwrap_err()
            .starts_with("b.md has no label `eq-d`")
    );
}

#[test]
fn references_show_their_numbers() {
    let config = ReferencesConfig::default();
    assert_eq!(
        shown(&config, LabelKind::Equation, RefForm::Quarto, "3"),
        "(3)"
    );
    assert_eq!(shown(&config, LabelKind::Equation, RefForm::Ref, "3"), "3");
    assert_eq!(
        shown(&config, LabelKind::Figure, RefForm::Quarto, "5.1"),
        "Figure 5.1"
    );
    assert_eq!(shown(&config, LabelKind::Table, RefForm::Bare, "2"), "2");
    assert_eq!(shown(&config, LabelKind::Table, RefForm::Eqref, "2"), "(2)");
    assert_eq!(caption(&config, LabelKind::Table, "2"), "Table 2:");
}
