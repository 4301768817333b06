//! The publishing workflow has what GitHub Pages needs. (actionlint checks the syntax:
//! `bash scripts/check-workflows.sh`.)

use serde_json::Value;

fn workflow() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/.github/workflows/publish.yml");
    let text = std::fs::read_to_string(path).unwrap();
    serde_norway::from_str(&text).unwrap()
}

fn steps(job: &Value) -> Vec<&Value> {
    job["steps"].as_array().unwrap().iter().collect()
}

fn uses<'a>(steps: &'a [&Value], action: &str) -> Option<&'a Value> {
    steps
        .iter()
        .copied()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(action)))
}

#[test]
fn builds_with_folio_and_deploys_to_pages_on_push_to_main() {
    let w = workflow();
    assert_eq!(w["on"]["push"]["branches"], serde_json::json!(["main"]));
    assert_eq!(w["permissions"]["pages"], "write");
    assert_eq!(w["permissions"]["id-token"], "write");
    assert_eq!(w["permissions"]["contents"], "read");
    assert_eq!(w["concurrency"]["group"], "pages");

    let build = steps(&w["jobs"]["build"]);
    let runs: Vec<&str> = build.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.contains(&"cargo run --release --locked -- build"),
        "{runs:?}"
    );
    assert!(uses(&build, "actions/configure-pages@").is_some());
    let upload = uses(&build, "actions/upload-pages-artifact@").unwrap();
    assert_eq!(upload["with"]["path"], "public/");

    let cached: Vec<&str> = build
        .iter()
        .filter(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .filter_map(|s| s["with"]["path"].as_str())
        .collect();
    let cached = cached.join("\n");
    for path in ["~/.cargo/registry", "target/", ".folio-cache/"] {
        assert!(cached.contains(path), "{path} is cached: {cached}");
    }

    let deploy = &w["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert!(uses(&steps(deploy), "actions/deploy-pages@").is_some());
}
