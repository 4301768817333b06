//! The shipped series meets its size and content rules, and its Python runs.

mod common;

use std::path::Path;
use std::process::Command;

use common::repo;
use folio::config::MathConfig;
use folio::content::parse_source;
use folio::markdown::{self, MarkdownOptions};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

struct Counts {
    prose_words: usize,
    math: usize,
    display: usize,
    python_blocks: Vec<String>,
    tables: usize,
    headings: Vec<String>,
}

fn count(path: &Path) -> Counts {
    let text = std::fs::read_to_string(path).unwrap();
    let source = parse_source(path, &text).unwrap();
    let math_config = MathConfig::default();
    let rendered = markdown::render(
        &source,
        &MarkdownOptions {
            math: &math_config,
            bibliography: false,
            summary_length: 70,
            highlighter: None,
        },
    );
    let mut counts = Counts {
        prose_words: 0,
        math: rendered.math.len(),
        display: rendered.math.iter().filter(|m| m.display).count(),
        python_blocks: Vec::new(),
        tables: 0,
        headings: Vec::new(),
    };
    let mut code: Option<(String, String)> = None;
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(&source.body, Options::all()) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                code = Some((lang.to_string(), String::new()))
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, body)) = code.take()
                    && lang == "python"
                {
                    counts.python_blocks.push(body);
                }
            }
            Event::Start(Tag::Table(_)) => counts.tables += 1,
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => counts.headings.extend(heading.take()),
            Event::Text(t) => match (&mut code, &mut heading) {
                (Some((_, body)), _) => body.push_str(&t),
                (None, h) => {
                    counts.prose_words += t.split_whitespace().count();
                    if let Some(h) = h {
                        h.push_str(&t);
                    }
                }
            },
            _ => {}
        }
    }
    counts
}

fn posts() -> Vec<std::path::PathBuf> {
    let dir = repo().join("content/transfer-learning");
    let mut posts: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .collect();
    posts.sort();
    posts
}

#[test]
fn every_post_meets_the_minimums() {
    let posts = posts();
    assert_eq!(posts.len(), 12);
    for post in posts {
        let c = count(&post);
        let name = post.file_name().unwrap().to_string_lossy().into_owned();
        assert!(c.prose_words >= 1500, "{name}: {} words", c.prose_words);
        assert!(c.math >= 20, "{name}: {} math spans", c.math);
        assert!(c.display >= 4, "{name}: {} display equations", c.display);
        assert!(!c.python_blocks.is_empty(), "{name}: no python block");
        assert!(c.tables >= 1, "{name}: no table");
        let lower: Vec<String> = c.headings.iter().map(|h| h.to_lowercase()).collect();
        assert!(
            lower.iter().any(|h| h.contains("what you will learn")),
            "{name}: no 'What you will learn'"
        );
        assert!(
            lower.iter().any(|h| h.contains("summary")),
            "{name}: no summary section"
        );
        assert!(c.headings.len() >= 5, "{name}: too few sections");
    }
}

#[test]
fn front_matter_follows_the_series() {
    for (i, post) in posts().iter().enumerate() {
        let text = std::fs::read_to_string(post).unwrap();
        let source = parse_source(post, &text).unwrap();
        let meta = &source.meta;
        assert_eq!(meta.series_order, Some(i as i64 + 1), "{}", post.display());
        assert_eq!(meta.terms("series"), ["transfer-learning"]);
        assert!(!meta.terms("tags").is_empty() && !meta.terms("categories").is_empty());
        assert!(meta.description.as_deref().is_some_and(|d| !d.is_empty()));
        assert!(
            meta.title
                .as_deref()
                .is_some_and(|t| t.starts_with(&format!("Transfer Learning ({}): ", i + 1)))
        );
    }
}

/// The posts promise code that runs: every Python block runs with numpy and exits 0.
/// All blocks start at once; some train small models for a few seconds.
#[test]
fn python_blocks_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut running = Vec::new();
    for post in posts() {
        for (i, code) in count(&post).python_blocks.iter().enumerate() {
            let stem = post.file_stem().unwrap().to_string_lossy().into_owned();
            let script = dir.path().join(format!("{stem}-{i}.py"));
            std::fs::write(&script, code).unwrap();
            // One BLAS thread per script: a dozen scripts already fill the cores.
            let child = Command::new("python3")
                .arg(&script)
                .env("OPENBLAS_NUM_THREADS", "1")
                .env("OMP_NUM_THREADS", "1")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("python3");
            running.push((format!("{stem} block {i}"), child));
        }
    }
    assert!(running.len() >= 12);
    for (name, child) in running {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{name} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
