//! Labels as the writer meets them: numbered formulas (`\label`, `\tag`, `{#eq-…}`),
//! references inside formulas, and ids for the labelled elements.

use super::super::marks::latex_command;
use super::super::slots::{Label, LabelKind, MathRef, Problem, RefForm, Reference, Slot};
use super::{Part, Writer};
use crate::error::Location;

/// What a formula's TeX says about its number.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct FormulaLabel {
    /// The TeX without `\label{…}`.
    pub tex: String,
    pub label: Option<String>,
    /// The text of a `\tag{…}` or `\tag*{…}`.
    pub manual: Option<String>,
    /// More than one `\label`.
    pub several: bool,
}

/// Reads `\label{…}` (removed: KaTeX does not know it) and `\tag{…}` from `tex`.
pub(super) fn read_formula(tex: &str) -> FormulaLabel {
    let mut out = FormulaLabel::default();
    let mut rest = tex;
    while let Some(at) = rest.find("\\label{") {
        let after = &rest[at + "\\label{".len()..];
        let Some(close) = after.find('}') else { break };
        if out.label.is_some() {
            out.several = true;
        }
        out.label = Some(after[..close].trim().to_string());
        out.tex.push_str(&rest[..at]);
        rest = &after[close + 1..];
    }
    out.tex.push_str(rest);
    out.manual = ["\\tag{", "\\tag*{"].iter().find_map(|open| {
        let after = &out.tex[out.tex.find(open)? + open.len()..];
        Some(after[..after.find('}')?].trim().to_string())
    });
    out
}

/// The `\eqref{…}` and `\ref{…}` of a formula's TeX: (start, end, name, form).
fn math_refs(tex: &str) -> Vec<(usize, usize, String, RefForm)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = tex[from..].find('\\').map(|i| from + i) {
        match latex_command(tex, i) {
            Some((name, form, end)) => {
                found.push((i, end, name, form));
                from = end;
            }
            // Past the backslash and the character it escapes (`\\` is a line break).
            None => from = i + 1 + tex[i + 1..].chars().next().map_or(0, char::len_utf8),
        }
    }
    found
}

impl Writer<'_, '_> {
    /// Records a label of this page, or a problem if it cannot be one; its index.
    pub(super) fn define(
        &mut self,
        name: &str,
        kind: LabelKind,
        manual: Option<String>,
        location: Location,
    ) -> Option<usize> {
        let problem = if self.part == Part::Summary {
            Some("a label belongs in the page's text, not in its `summary`: move the labelled formula, figure or table into the body".to_string())
        } else if let Some(first) = self.out.labels.iter().find(|l| l.name == name) {
            Some(format!(
                "the label `{name}` is defined twice on this page (first at {}): rename one of them",
                first.location
            ))
        } else if self.ids.contains(name) {
            Some(format!(
                "the label `{name}` is also the id of a heading of this page: rename the label or give the heading another id"
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            self.out.problems.push(Problem { location, message });
            return None;
        }
        self.ids.insert(name.to_string());
        self.out.labels.push(Label {
            name: name.to_string(),
            kind,
            manual,
            location,
        });
        Some(self.out.labels.len() - 1)
    }

    /// The formula's TeX as KaTeX gets it (before numbering), its label and references.
    pub(super) fn formula_labels(
        &mut self,
        tex: &str,
        display: bool,
        at: usize,
        location: &Location,
    ) -> (String, Option<usize>, Vec<MathRef>) {
        let read = read_formula(tex);
        let attribute = self.attachments.equations.remove(&at);
        let problem = match (&read.label, &attribute, display) {
            (Some(_), _, false) => Some(
                "`\\label` in an inline formula: only a display formula (`$$…$$`) can be numbered",
            ),
            (Some(_), Some(_), _) => {
                Some("this formula has both a `\\label` and a `{#eq-…}` label: keep one")
            }
            _ if read.several => Some(
                "a formula can have one `\\label`: split it into several formulas, one per label",
            ),
            _ => None,
        };
        if let Some(message) = problem {
            self.out.problems.push(Problem {
                location: location.clone(),
                message: message.into(),
            });
        }
        let label = match (read.label, attribute) {
            (Some(name), None) if display && !read.several => self.define(
                &name,
                LabelKind::Equation,
                read.manual.clone(),
                location.clone(),
            ),
            (None, Some((name, at))) => {
                self.define(&name, LabelKind::Equation, read.manual.clone(), at)
            }
            _ => None,
        };
        let refs = math_refs(&read.tex)
            .into_iter()
            .map(|(start, end, name, form)| {
                self.out.slots.push(Slot::Ref(Reference {
                    name,
                    page: None,
                    form,
                    location: location.clone(),
                }));
                MathRef {
                    start,
                    end,
                    slot: self.out.slots.len() - 1,
                }
            })
            .collect();
        (read.tex, label, refs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_tags_are_read() {
        let read = read_formula(r"a = b \label{eq:ab} \tag{A}");
        assert_eq!(read.tex, r"a = b  \tag{A}");
        assert_eq!(read.label.as_deref(), Some("eq:ab"));
        assert_eq!(read.manual.as_deref(), Some("A"));
        assert!(!read.several);
        assert!(read_formula(r"\label{a} x \label{b}").several);
        let refs = math_refs(r"x \eqref{eq:a} + \ref{b} \right");
        assert_eq!(
            refs.iter().map(|r| (r.0, r.1)).collect::<Vec<_>>(),
            [(2, 14), (17, 24)]
        );
    }
}
