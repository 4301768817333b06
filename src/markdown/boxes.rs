//! Boxes that scroll sideways when wider than the column (display formulas, code
//! blocks, tables): each can take the keyboard's focus, so a reader without a mouse can
//! scroll it, and has a name in the page's language for screen readers.

use super::escape_html;

/// The names of the boxes, in the theme's words of the page's language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BoxNames {
    pub formula: String,
    pub code: String,
    pub table: String,
}

impl BoxNames {
    /// ` tabindex="0" role="group" aria-label="NAME"`: focusable and named. A group, not
    /// a region: a page with several formulas would have landmarks of one name.
    pub fn attributes(name: &str) -> String {
        format!(
            " tabindex=\"0\" role=\"group\" aria-label=\"{}\"",
            escape_html(name)
        )
    }

    /// A table keeps its role (it is a table), so it gets only the focus and the name.
    pub fn table_attributes(&self) -> String {
        format!(
            " tabindex=\"0\" aria-label=\"{}\"",
            escape_html(&self.table)
        )
    }
}
