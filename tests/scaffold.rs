//! `folio new` and `folio init`, through the binary and the library.

use std::path::Path;
use std::process::Command;

use folio::content::parse_source;
use folio::scaffold;
use folio::site::{self, BuildOptions};

fn folio(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run folio")
}

#[test]
fn new_fills_in_front_matter_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = folio(
        &["new", "content/transfer-learning/my-new-post.md"],
        dir.path(),
    );
    assert!(out.status.success(), "{out:?}");
    let path = dir.path().join("content/transfer-learning/my-new-post.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("+++\ntitle = \"My New Post\"\ndate = "),
        "{text}"
    );
    let source = parse_source(&path, &text, &[]).unwrap();
    assert_eq!(source.meta.title.as_deref(), Some("My New Post"));
    assert!(source.meta.draft);
    let date = source.meta.date.expect("a date");
    let age = jiff::Timestamp::now().as_second() - date.timestamp().as_second();
    assert!((0..120).contains(&age), "date {date} is not now");

    std::fs::write(&path, "my words").unwrap();
    let again = folio(
        &["new", "content/transfer-learning/my-new-post.md"],
        dir.path(),
    );
    assert!(!again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("my-new-post.md: already exists"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my words");
}

#[test]
fn new_wants_a_markdown_file() {
    let dir = tempfile::tempdir().unwrap();
    let err = scaffold::new_post(&dir.path().join("content/post.txt")).unwrap_err();
    assert!(err.to_string().contains("end the name in `.md`"), "{err}");
    assert!(!dir.path().join("content").exists());
}

#[test]
fn init_makes_a_site_that_builds_as_it_is() {
    let parent = tempfile::tempdir().unwrap();
    let out = folio(&["init", "my-blog"], parent.path());
    assert!(out.status.success(), "{out:?}");
    let root = parent.path().join("my-blog");
    for dir in ["templates", "static"] {
        assert!(root.join(dir).is_dir(), "{dir}/");
    }
    let config = std::fs::read_to_string(root.join("config.toml")).unwrap();
    assert!(config.contains("title = \"My Blog\""), "{config}");

    let built = folio(&["build", "--root", "my-blog"], parent.path());
    assert!(built.status.success(), "{built:?}");
    let post = std::fs::read_to_string(root.join("public/posts/hello-world/index.html")).unwrap();
    assert!(post.contains("<h1>Hello, World</h1>"), "{post}");
    assert!(
        post.contains("class=\"katex-display\""),
        "display math is rendered"
    );
    assert!(
        !post.contains("__folio"),
        "the reload script is for folio serve only"
    );
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(
        home.contains("posts/hello-world/"),
        "the home page lists the post"
    );
}

#[test]
fn init_refuses_a_folder_with_anything_in_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let err = scaffold::init(dir.path()).unwrap_err();
    assert!(err.to_string().contains("is not empty"), "{err}");
    assert!(!dir.path().join("config.toml").exists());

    // An empty folder is fine, and the library builds the result too.
    let empty = tempfile::tempdir().unwrap();
    scaffold::init(empty.path()).unwrap();
    let report = site::build(&BuildOptions::new(empty.path())).unwrap();
    assert!(report.pages >= 3, "{report}");
}
