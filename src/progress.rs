//! A progress bar on the terminal for long builds: which phase runs, and how many of its
//! pages, formulas or files are done. Drawn only when stderr is a terminal, so logs keep
//! the one summary line.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A build's progress display; cloning shares it. The default shows nothing.
#[derive(Clone, Default)]
pub struct Progress(Option<ProgressBar>);

const COUNTED: &str = "{spinner} {msg:<10} [{bar:30}] {pos}/{len} {elapsed}";
const UNCOUNTED: &str = "{spinner} {msg:<10} {pos} {elapsed}";

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}

impl Progress {
    /// A bar on stderr if it is a terminal; nothing otherwise.
    pub fn on_terminal() -> Self {
        if !std::io::stderr().is_terminal() {
            return Self::default();
        }
        let bar = ProgressBar::new(0);
        bar.enable_steady_tick(Duration::from_millis(100));
        Self(Some(bar))
    }

    /// Starts the phase `what`, of `total` steps when that is known.
    pub fn stage(&self, what: &'static str, total: Option<usize>) {
        let Some(bar) = &self.0 else {
            return;
        };
        bar.set_position(0);
        match total {
            Some(n) => {
                bar.set_style(style(COUNTED));
                bar.set_length(n as u64);
            }
            None => {
                bar.set_style(style(UNCOUNTED));
                bar.unset_length();
            }
        }
        bar.set_message(what);
    }

    /// One step of the current phase done.
    pub fn tick(&self) {
        self.advance(1);
    }

    /// `steps` steps of the current phase done.
    pub fn advance(&self, steps: usize) {
        if let Some(bar) = &self.0 {
            bar.inc(steps as u64);
        }
    }

    /// Removes the bar, before the summary line is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
