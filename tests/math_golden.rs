//! folio's math output is byte-identical to the official KaTeX JavaScript of the version
//! folio embeds (vendor/katex-0.16.4), tidied by `folio::math::tidy`: every formula of
//! tests/fixtures/math/formulas.txt is rendered through `MathRenderer` and compared with
//! expected/, which generate.mjs made with KaTeX from npm. A KaTeX upgrade that
//! changes rendering fails here; regenerate with the new KaTeX (see
//! tests/fixtures/math/README.md) and review the diff.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod common;

use folio::config::{MathConfig, MathEngine};
use folio::error::Location;
use folio::markdown::{MATH_CLOSE, MATH_OPEN, MathSpan};
use folio::math::{MathRenderer, Medium, Typeset};

/// The acceptance floor for the size of the golden set.
const MIN_FORMULAS: usize = 120;

struct Entry {
    name: String,
    tex: String,
    display: bool,
    feed: bool,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/math")
}

/// Parses formulas.txt by the rules in its header (generate.mjs parses it the same way).
fn parse(text: &str) -> (BTreeMap<String, String>, Vec<Entry>) {
    let mut macros = BTreeMap::new();
    let mut entries: Vec<(Entry, Vec<&str>)> = Vec::new();
    for line in text.split('\n') {
        if let Some(header) = line.strip_prefix("=== ") {
            let words: Vec<&str> = header.split_whitespace().collect();
            let (name, mode, feed) = match words[..] {
                [name, mode] => (name, mode, false),
                [name, mode, "feed"] => (name, mode, true),
                _ => panic!("bad header: {line}"),
            };
            assert!(
                mode == "inline" || mode == "display",
                "bad mode in header: {line}"
            );
            let entry = Entry {
                name: name.to_string(),
                tex: String::new(),
                display: mode == "display",
                feed,
            };
            entries.push((entry, Vec::new()));
        } else if line.starts_with("===") {
            panic!("bad header: {line}");
        } else if let Some((_, lines)) = entries.last_mut() {
            lines.push(line);
        } else if let Some(definition) = line.strip_prefix("@macro ") {
            let (name, body) = definition
                .split_once(' ')
                .unwrap_or_else(|| panic!("bad macro: {line}"));
            macros.insert(name.to_string(), body.to_string());
        }
    }
    let entries = entries
        .into_iter()
        .map(|(entry, lines)| Entry {
            tex: lines.join("\n").trim().to_string(),
            ..entry
        })
        .collect();
    (macros, entries)
}

/// Where `expected` and `actual` first differ, as a few lines of each around it: KaTeX's
/// output is one long line, so it is broken after every tag.
fn first_difference(expected: &str, actual: &str) -> String {
    let split = |s: &str| -> Vec<String> { s.split_inclusive('>').map(String::from).collect() };
    let (want, got) = (split(expected), split(actual));
    let at = want
        .iter()
        .zip(&got)
        .position(|(w, g)| w != g)
        .unwrap_or(want.len().min(got.len()));
    let from = at.saturating_sub(3);
    let show = |lines: &[String], sign: char| -> String {
        lines[from.min(lines.len())..(at + 4).min(lines.len())]
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let mark = if from + i == at { sign } else { ' ' };
                format!("  {mark} {line}\n")
            })
            .collect()
    };
    format!(
        "first difference at tag {at} (byte {}):\n expected (KaTeX JS):\n{} actual (folio):\n{}",
        want[..at].iter().map(String::len).sum::<usize>(),
        show(&want, '-'),
        show(&got, '+'),
    )
}

/// Every golden formula rendered by folio, for the page and (where asked) the feed.
fn render(
    engine: MathEngine,
    macros: BTreeMap<String, String>,
    entries: &[Entry],
) -> (Typeset, Vec<MathSpan>) {
    let config = MathConfig {
        macros,
        engine,
        ..MathConfig::default()
    };
    let spans: Vec<MathSpan> = entries
        .iter()
        .map(|e| MathSpan {
            tex: e.tex.clone(),
            display: e.display,
            location: Location::new(Path::new("formulas.txt"), 1, 1),
            label: None,
            refs: Vec::new(),
        })
        .collect();
    let mut needed = Vec::new();
    for (span, entry) in spans.iter().zip(entries) {
        needed.push((span, Medium::Page));
        if entry.feed {
            needed.push((span, Medium::Feed));
        }
    }
    let (rendered, warnings) = MathRenderer::new(&config)
        .render(needed)
        .unwrap_or_else(|e| panic!("folio failed to render the golden formulas:\n{e}"));
    // Only KaTeX's strict-mode warnings, for the formulas that put Unicode text in math.
    assert_eq!(warnings.len(), 5, "{warnings:#?}");
    assert!(
        warnings
            .iter()
            .all(|w| w.contains("KaTeX strict mode") && w.contains("Unicode")),
        "{warnings:#?}"
    );
    (rendered, spans)
}

/// The names of the files in `expected/`.
fn expected_files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir.join("expected"))
        .expect("read expected/")
        .map(|e| {
            e.expect("list expected/")
                .file_name()
                .into_string()
                .unwrap()
        })
        .collect()
}

/// Whether `node` runs here, for the Node.js engine's run of the golden test.
fn node_runs() -> bool {
    let runs = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    common::present("Node.js (`node`)", runs)
}

#[test]
fn math_output_matches_katex_js_in_quickjs() {
    matches_katex_js(MathEngine::QuickJs);
}

#[test]
fn math_output_matches_katex_js_in_node() {
    if node_runs() {
        matches_katex_js(MathEngine::Node);
    }
}

fn matches_katex_js(engine: MathEngine) {
    let dir = fixtures();
    let text = std::fs::read_to_string(dir.join("formulas.txt")).expect("read formulas.txt");
    let (macros, entries) = parse(&text);
    assert!(
        entries.len() >= MIN_FORMULAS,
        "only {} golden formulas, want at least {MIN_FORMULAS}",
        entries.len()
    );
    assert!(!macros.is_empty(), "formulas.txt defines no macros");

    let (rendered, spans) = render(engine, macros, &entries);

    let mut compared = BTreeSet::new();
    let mut mismatches = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let placeholder = format!("{MATH_OPEN}{i}{MATH_CLOSE}");
        let outputs = [(Medium::Page, "page")]
            .into_iter()
            .chain(entry.feed.then_some((Medium::Feed, "feed")));
        for (output, kind) in outputs {
            let file = format!("{}.{kind}.html", entry.name);
            let path = dir.join("expected").join(&file);
            let katex_js = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}; regenerate with tests/fixtures/math/generate.mjs",
                    path.display()
                )
            });
            let expected = folio::math::tidy(&katex_js);
            let actual = rendered.fill(&placeholder, &spans, output);
            if actual != expected {
                mismatches.push((file.clone(), first_difference(&expected, &actual)));
            }
            compared.insert(file);
        }
    }

    let on_disk = expected_files(&dir);
    let stale: Vec<&String> = on_disk.difference(&compared).collect();
    assert!(
        stale.is_empty(),
        "expected/ has files for no formula: {stale:?}"
    );

    if let Some((file, diff)) = mismatches.first() {
        let names: Vec<&str> = mismatches.iter().map(|(f, _)| f.as_str()).collect();
        panic!(
            "{engine:?}: {} of {} outputs differ from KaTeX JS (tests/fixtures/math/expected): {names:?}\n{file}: {diff}",
            mismatches.len(),
            compared.len()
        );
    }
}
