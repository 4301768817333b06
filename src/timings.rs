//! Where a build's time goes (`folio build --timings`): the wall time of each phase, and
//! inside a phase the time of each part (a template by name, highlighting), summed over
//! the threads that ran it, so a theme's costly template shows.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// A step of the build, in the order builds run them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Reading config, content and templates.
    Load,
    /// Markdown to HTML, code highlighting included.
    Markdown,
    /// Labels, cross-references and citations.
    References,
    /// KaTeX, or the math cache.
    Math,
    /// Templates, feeds and sitemaps.
    Templates,
    /// The search index.
    Search,
    /// Writing the output folder.
    Write,
}

impl Phase {
    fn name(self) -> &'static str {
        match self {
            Phase::Load => "load",
            Phase::Markdown => "markdown",
            Phase::References => "references",
            Phase::Math => "math",
            Phase::Templates => "templates",
            Phase::Search => "search",
            Phase::Write => "write",
        }
    }
}

/// Time and count of one part of a phase, summed over threads.
#[derive(Debug, Default, Clone, Copy)]
struct Part {
    time: Duration,
    count: usize,
}

/// The timings of one build; shared by its threads.
#[derive(Debug, Default)]
pub struct Timings {
    phases: Mutex<BTreeMap<Phase, Duration>>,
    parts: Mutex<BTreeMap<(Phase, String), Part>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Timings {
    /// Runs `step` as (part of) `phase`, adding its wall time to the phase's.
    pub fn phase<T>(&self, phase: Phase, step: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = step();
        *lock(&self.phases).entry(phase).or_default() += start.elapsed();
        value
    }

    /// Runs `step` as one run of the part `name` of `phase`.
    pub fn part<T>(&self, phase: Phase, name: &str, step: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = step();
        let time = start.elapsed();
        let mut parts = lock(&self.parts);
        let part = parts.entry((phase, name.to_string())).or_default();
        part.time += time;
        part.count += 1;
        value
    }
}

/// The timings of a build as a table, with the build's whole time.
pub struct Table<'a> {
    pub timings: &'a Timings,
    pub total: Duration,
}

impl fmt::Display for Table<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let phases = lock(&self.timings.phases).clone();
        let parts = lock(&self.timings.parts).clone();
        let total = self.total.as_secs_f64().max(f64::EPSILON);
        writeln!(
            f,
            "{:<28} {:>10} {:>7} {:>8}",
            "phase", "ms", "share", "runs"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, time: Duration, runs: String| {
            let share = 100.0 * time.as_secs_f64() / total;
            let ms = time.as_secs_f64() * 1000.0;
            writeln!(f, "{name:<28} {ms:>10.1} {share:>6.1}% {runs:>8}")
        };
        for (phase, time) in &phases {
            row(f, phase.name(), *time, String::new())?;
            for ((_, name), part) in parts.iter().filter(|((p, _), _)| p == phase) {
                row(f, &format!("  {name}"), part.time, part.count.to_string())?;
            }
        }
        row(f, "total", self.total, String::new())?;
        writeln!(
            f,
            "(a part's time is summed over the threads that ran it, so parts may add up to more than their phase)"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_phases_in_build_order_with_their_parts() {
        let timings = Timings::default();
        timings.phase(Phase::Write, || ());
        timings.phase(Phase::Load, || ());
        timings.part(Phase::Templates, "page.html", || ());
        timings.part(Phase::Templates, "page.html", || ());
        timings.phase(Phase::Templates, || ());
        let table = Table {
            timings: &timings,
            total: Duration::from_millis(10),
        }
        .to_string();
        let names: Vec<&str> = table
            .lines()
            .map(|l| l.split_whitespace().next().unwrap_or(""))
            .collect();
        assert_eq!(
            names,
            [
                "phase",
                "load",
                "templates",
                "page.html",
                "write",
                "total",
                "(a"
            ]
        );
        let page = table.lines().find(|l| l.contains("page.html")).unwrap();
        assert!(page.trim_end().ends_with(" 2"), "{page}");
    }
}
