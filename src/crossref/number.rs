//! Numbers for labels: in order on each page, each kind counted on its own; a `\tag`
//! shows as written and is not counted.

use super::{Document, Numbering};
use crate::markdown::slots::LabelKind;

/// Every label's number as shown (`3`, `5.3`, or the author's tag), by document and
/// label index.
#[derive(Debug)]
pub struct Numbers(Vec<Vec<String>>);

impl Numbers {
    pub fn new(docs: &[Document], numbering: Numbering) -> Self {
        Numbers(docs.iter().map(|doc| numbered(doc, numbering)).collect())
    }

    pub fn get(&self, doc: usize, label: usize) -> &str {
        &self.0[doc][label]
    }
}

fn numbered(doc: &Document, numbering: Numbering) -> Vec<String> {
    let mut counts = [0usize; 3];
    let part = match (numbering, doc.series) {
        (Numbering::Series, Some((_, part))) => Some(part),
        _ => None,
    };
    doc.labels
        .iter()
        .map(|label| {
            if let Some(manual) = &label.manual {
                return manual.clone();
            }
            let count = &mut counts[match label.kind {
                LabelKind::Equation => 0,
                LabelKind::Figure => 1,
                LabelKind::Table => 2,
            }];
            *count += 1;
            match part {
                Some(part) => format!("{part}.{count}"),
                None => count.to_string(),
            }
        })
        .collect()
}
