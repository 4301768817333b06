//! Property tests on generated inputs: front matter, the math delimiters, Markdown with
//! math into HTML the Nu checker accepts, feeds from any titles and summaries, and the
//! paths pages and aliases are written to.
//!
//! Each property runs a fixed number of cases from a fixed seed, so a run is repeatable.
//! `FOLIO_PROPTEST_SCALE=20 cargo test --release --test properties` runs twenty times as
//! many; `FOLIO_PROPTEST_SEED=N` draws other cases. A failing input is saved as
//! `tests/fixtures/properties/PROPERTY/found-HASH.json`; commit it with the fix, and it is
//! checked on every run from then on.

#[path = "../common/mod.rs"]
mod common;
mod feeds;
mod front_matter;
mod html;
mod markdown;
mod paths;

use std::fmt::Debug;
use std::path::PathBuf;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Cases for a property at scale 1, times `FOLIO_PROPTEST_SCALE`.
pub fn cases(base: u32) -> u32 {
    let scale = std::env::var("FOLIO_PROPTEST_SCALE")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(1);
    base.saturating_mul(scale.max(1))
}

/// A runner seeded from `FOLIO_PROPTEST_SEED` (default 0) and the property's name.
pub fn runner(name: &str, cases: u32) -> TestRunner {
    let seed: u64 = std::env::var("FOLIO_PROPTEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    for (i, b) in name.bytes().enumerate() {
        bytes[8 + i % 24] ^= b;
    }
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
}

fn fixtures(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/properties")
        .join(name)
}

/// Inputs that once failed `name`, kept as fixtures.
pub fn regressions<T: DeserializeOwned>(name: &str) -> Vec<(PathBuf, T)> {
    let Ok(entries) = std::fs::read_dir(fixtures(name)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, value)
        })
        .collect()
}

/// Saves a failing input as a fixture, and says where.
pub fn keep<T: Serialize>(name: &str, input: &T) -> PathBuf {
    let json = serde_json::to_string_pretty(input).unwrap();
    let hash = json.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let dir = fixtures(name);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("found-{hash:016x}.json"));
    std::fs::write(&path, json).unwrap();
    path
}

/// Checks `property` on the kept regressions, then on `cases` generated inputs; a
/// failure (a panic included) is shrunk, kept and reported.
pub fn check<S>(
    name: &str,
    cases: u32,
    strategy: S,
    property: impl Fn(&S::Value) -> Result<(), String>,
) where
    S: Strategy,
    S::Value: Debug + Serialize + DeserializeOwned,
{
    for (path, input) in regressions::<S::Value>(name) {
        if let Err(e) = property(&input) {
            panic!("{name}: regression {} fails again: {e}", path.display());
        }
    }
    let mut runner = runner(name, cases);
    let result = runner.run(&strategy, |input| {
        property(&input).map_err(TestCaseError::fail)
    });
    match result {
        Ok(()) => eprintln!("{name}: {cases} cases passed"),
        Err(proptest::test_runner::TestError::Fail(why, input)) => {
            let kept = keep(name, &input);
            panic!(
                "{name}: {why}\ninput: {input:?}\nkept as {}",
                kept.display()
            );
        }
        Err(e) => panic!("{name}: {e}"),
    }
}

/// Text built from pieces that mean something to Markdown or TeX, and any characters.
pub fn markup(pieces: Vec<&'static str>, max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(pieces).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|parts| parts.concat())
}
