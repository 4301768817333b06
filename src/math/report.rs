//! What KaTeX said of each formula, and the errors and warnings that makes for the
//! places the formula appears.

use std::collections::HashSet;
use std::sync::Arc;

use super::{Formula, Medium, Warnings};
use crate::error::{Error, Location};
use crate::markdown::MathSpan;

/// What rendering one formula gave.
pub(super) struct Outcome {
    pub formula: Formula,
    /// KaTeX's HTML, or its error message.
    pub result: Result<Arc<str>, String>,
    /// With `errors = "warn"`, the rendering in KaTeX's error colour of a bad formula.
    pub fallback: Option<Arc<str>>,
    /// KaTeX's strict-mode warnings: LaTeX that KaTeX renders but LaTeX would not take.
    pub strict: Vec<String>,
}

impl Outcome {
    /// A formula typeset without error or warning.
    pub fn clean(formula: Formula, html: Arc<str>) -> Self {
        Self {
            formula,
            result: Ok(html),
            fallback: None,
            strict: Vec::new(),
        }
    }
}

/// Bad formulas and strict-mode warnings, each reported once for every place it appears.
#[derive(Default)]
pub(super) struct Report {
    errors: Vec<Error>,
    strict: Vec<String>,
    reported: HashSet<(Location, String)>,
}

impl Report {
    pub fn add(&mut self, needed: &[(&MathSpan, Medium)], outcome: &Outcome) {
        // Looking through every span for every formula would take time quadratic in the
        // site's formulas, so only for the few with something to report.
        if outcome.result.is_ok() && outcome.strict.is_empty() {
            return;
        }
        let wanted = &outcome.formula;
        let spans = needed
            .iter()
            .filter(|(s, _)| s.display == wanted.display && s.tex == wanted.tex)
            .map(|(span, _)| *span);
        for span in spans {
            let formula = span.tex.trim();
            if let Err(message) = &outcome.result
                && self
                    .reported
                    .insert((span.location.clone(), message.clone()))
            {
                let message = format!("{message}\n    in formula: {formula}");
                self.errors
                    .push(Error::input(span.location.clone(), message));
            }
            for warning in &outcome.strict {
                if self
                    .reported
                    .insert((span.location.clone(), warning.clone()))
                {
                    self.strict.push(format!(
                        "warning: {}: KaTeX strict mode: {warning}\n    in formula: {formula}",
                        span.location
                    ));
                }
            }
        }
    }

    /// The warnings to print, or the errors when bad formulas fail the build.
    pub fn finish(mut self, warn: bool) -> Result<Warnings, Error> {
        self.errors.sort_by_key(ToString::to_string);
        self.strict.sort();
        if !warn {
            Error::collect(self.errors)?;
            return Ok(self.strict);
        }
        let mut warnings: Warnings = self
            .errors
            .iter()
            .map(|e| format!("warning: {e}"))
            .collect();
        warnings.extend(self.strict);
        Ok(warnings)
    }
}
