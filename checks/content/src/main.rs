//! The editorial rules of the series shipped with folio, *Transfer Learning*: every post
//! long enough, with its math, code, table and sections, its front matter in the
//! series' shape, and every Python block running. These rules are the blog's, not the
//! generator's, so they live here rather than in folio's tests; `scripts/test.sh` runs
//! them.
//!
//! Usage: `content-check [SERIES_FOLDER]` (default `content/en/transfer-learning`), from the
//! site folder. Prints every broken rule and exits 1 if there is any.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};

use folio::config::MathConfig;
use folio::content::{Source, parse_source};
use folio::markdown::{self, MarkdownOptions};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

const POSTS: usize = 12;

/// What a post is made of, as the rules count it.
#[derive(Default)]
struct Counts {
    prose_words: usize,
    math: usize,
    display: usize,
    python_blocks: Vec<String>,
    tables: usize,
    headings: Vec<String>,
}

fn main() -> ExitCode {
    let folder = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from("content/en/transfer-learning"),
        PathBuf::from,
    );
    let problems = match check(&folder) {
        Ok(problems) => problems,
        Err(e) => vec![e],
    };
    for problem in &problems {
        eprintln!("{problem}");
    }
    if problems.is_empty() {
        println!(
            "content-check: the {POSTS} posts of {} keep every rule",
            folder.display()
        );
        ExitCode::SUCCESS
    } else {
        eprintln!("content-check: {} problems", problems.len());
        ExitCode::FAILURE
    }
}

/// Every broken rule in the series in `folder`.
fn check(folder: &Path) -> Result<Vec<String>, String> {
    let posts = posts(folder)?;
    let mut problems = Vec::new();
    if posts.len() != POSTS {
        problems.push(format!(
            "{}: {} posts, not {POSTS}",
            folder.display(),
            posts.len()
        ));
    }
    let mut blocks = Vec::new();
    for (i, path) in posts.iter().enumerate() {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let source = parse_source(path, &text, &[]).map_err(|e| e.to_string())?;
        let counts = count(&source);
        let name = path.display().to_string();
        problems.extend(
            size_problems(&counts)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
        problems.extend(
            front_matter_problems(&source, i + 1)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        blocks.extend(
            counts
                .python_blocks
                .into_iter()
                .enumerate()
                .map(|(n, code)| (format!("{stem} block {n}"), code)),
        );
    }
    if blocks.len() < POSTS {
        problems.push(format!("only {} Python blocks in the series", blocks.len()));
    }
    problems.extend(run_python(&blocks)?);
    Ok(problems)
}

/// The posts of the series, by file name.
fn posts(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut posts: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .collect();
    posts.sort();
    Ok(posts)
}

fn count(source: &Source) -> Counts {
    let math_config = MathConfig::default();
    let options = MarkdownOptions {
        // As the shipped site: it has a bibliography, so `@key` is a citation.
        bibliography: true,
        ..MarkdownOptions::plain(&math_config)
    };
    let rendered = markdown::render(source, &options);
    let mut counts = Counts {
        math: rendered.math.len(),
        display: rendered.math.iter().filter(|m| m.display).count(),
        ..Counts::default()
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

/// The minimums every post meets.
fn size_problems(c: &Counts) -> Vec<String> {
    let lower: Vec<String> = c.headings.iter().map(|h| h.to_lowercase()).collect();
    let has_heading = |part: &str| lower.iter().any(|h| h.contains(part));
    [
        (
            c.prose_words >= 1500,
            format!("{} words of prose, fewer than 1500", c.prose_words),
        ),
        (c.math >= 20, format!("{} formulas, fewer than 20", c.math)),
        (
            c.display >= 4,
            format!("{} display formulas, fewer than 4", c.display),
        ),
        (!c.python_blocks.is_empty(), "no Python block".into()),
        (c.tables >= 1, "no table".into()),
        (
            has_heading("what you will learn"),
            "no \"What you will learn\" section".into(),
        ),
        (has_heading("summary"), "no summary section".into()),
        (
            c.headings.len() >= 5,
            format!("{} sections, fewer than 5", c.headings.len()),
        ),
    ]
    .into_iter()
    .filter(|(ok, _)| !ok)
    .map(|(_, problem)| problem)
    .collect()
}

/// Part `part` of the series: its place, series, terms, description and title.
fn front_matter_problems(source: &Source, part: usize) -> Vec<String> {
    let meta = &source.meta;
    let prefix = format!("Transfer Learning ({part}): ");
    [
        (
            meta.series_order == Some(part as i64),
            format!("`series_order` is not {part}"),
        ),
        (
            meta.terms("series") == ["transfer-learning"],
            "`series` is not \"transfer-learning\"".into(),
        ),
        (!meta.terms("tags").is_empty(), "no `tags`".into()),
        (
            !meta.terms("categories").is_empty(),
            "no `categories`".into(),
        ),
        (
            meta.description.as_deref().is_some_and(|d| !d.is_empty()),
            "no `description`".into(),
        ),
        (
            meta.title
                .as_deref()
                .is_some_and(|t| t.starts_with(&prefix)),
            format!("the title does not start with {prefix:?}"),
        ),
    ]
    .into_iter()
    .filter(|(ok, _)| !ok)
    .map(|(_, problem)| problem)
    .collect()
}

/// The posts promise code that runs: every Python block runs with numpy and exits 0.
/// All blocks start at once; some train small models for a few seconds.
fn run_python(blocks: &[(String, String)]) -> Result<Vec<String>, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("a temporary folder: {e}"))?;
    let mut running: Vec<(&str, Child)> = Vec::new();
    for (i, (name, code)) in blocks.iter().enumerate() {
        let script = dir.path().join(format!("block-{i}.py"));
        std::fs::write(&script, code).map_err(|e| format!("{}: {e}", script.display()))?;
        // One BLAS thread per script: a dozen scripts already fill the cores.
        let child = Command::new("python3")
            .arg(&script)
            .env("OPENBLAS_NUM_THREADS", "1")
            .env("OMP_NUM_THREADS", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("python3: {e}: install Python 3 with numpy"))?;
        running.push((name, child));
    }
    let mut problems = Vec::new();
    for (name, child) in running {
        let out = child
            .wait_with_output()
            .map_err(|e| format!("{name}: {e}"))?;
        if !out.status.success() {
            problems.push(format!(
                "{name} failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    Ok(problems)
}
