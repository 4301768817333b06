//! Tidying what KaTeX returns: its output into valid HTML, its errors into plain text.

/// Bumped whenever this file changes what it returns, so the disk cache never serves
/// output of an older folio.
pub const VERSION: u32 = 3;

/// KaTeX's output made valid HTML, without changing how it looks.
pub fn tidy(html: &str) -> String {
    group_function_names(&drop_negative_heights(html)).replace(TAG_CELL, TAG_CELL_STYLED)
}

/// KaTeX lays out a `\tag` in MathML with cells of `width="50%"`, an attribute HTML's
/// MathML does not have; the same width as a style is valid and reads the same.
const TAG_CELL: &str = "<mtd width=\"50%\">";
const TAG_CELL_STYLED: &str = "<mtd style=\"width:50%\">";

/// KaTeX's `mathml` output cut out of its `htmlAndMathml` output of the same formula:
/// KaTeX builds the same `<math>` element for both, wrapped in
/// `<span class="katex-mathml">` inside the HTML there, in `<span class="katex">` alone
/// (without the display wrapper) here. A rendered error is the same in both.
pub fn mathml_only(html: &str) -> String {
    const OPEN: &str = "<span class=\"katex-mathml\">";
    const CLOSE: &str = "</math>";
    let Some(start) = html.find(OPEN).map(|i| i + OPEN.len()) else {
        return html.to_string();
    };
    // MathML text is escaped, so the first `</math>` closes the element.
    match html[start..].find(CLOSE) {
        Some(len) => format!(
            "<span class=\"katex\">{}</span>",
            &html[start..start + len + CLOSE.len()]
        ),
        None => html.to_string(),
    }
}

/// KaTeX's message on one line, without the U+0332 that underlines the culprit.
pub fn clean_message(message: &str) -> String {
    let message = message.trim().replace('\n', " ").replace('\u{332}', "");
    if message.starts_with("KaTeX") {
        message
    } else {
        format!("KaTeX error: {message}")
    }
}

/// KaTeX writes `height:-0.2em` on some vertical lists. CSS forbids negative heights, so
/// browsers ignore the declaration; dropping it changes nothing on screen and makes the
/// page valid HTML.
fn drop_negative_heights(html: &str) -> String {
    const NEEDLE: &str = "height:-";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(NEEDLE) {
        let starts_declaration = matches!(rest[..i].chars().last(), Some('"' | ';'));
        let end = rest[i..].find(';').map(|j| i + j + 1);
        match end {
            Some(end) if starts_declaration => {
                out.push_str(&rest[..i]);
                rest = &rest[end..];
            }
            _ => {
                out.push_str(&rest[..i + NEEDLE.len()]);
                rest = &rest[i + NEEDLE.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// MathML elements that take exactly two or three children.
const FIXED_ARITY: [&str; 8] = [
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mfrac",
    "mroot",
];

/// KaTeX writes `\max` in a subscript as two children of `<msub>`, `<mi>max</mi>` and an
/// invisible function-application `<mo>`, giving `<msub>` three children, which MathML
/// forbids. Grouping the pair in an `<mrow>` makes it valid without changing the look.
fn group_function_names(html: &str) -> String {
    const APPLY: &str = "<mo>\u{2061}</mo>";
    if !html.contains(APPLY) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + 64);
    // Open elements, each with the output offsets where its children start.
    let mut stack: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else {
            out.push_str(rest);
            break;
        };
        let tag = &rest[..=gt];
        if tag.starts_with("</") {
            stack.pop();
            out.push_str(tag);
            rest = &rest[gt + 1..];
            continue;
        }
        let name_end = tag[1..]
            .find([' ', '>', '/'])
            .map_or(tag.len() - 1, |i| i + 1);
        let name = &tag[1..name_end];
        if let Some((parent, children)) = stack.last_mut() {
            if rest.starts_with(APPLY) && FIXED_ARITY.contains(parent) && !children.is_empty() {
                let previous = *children.last().expect("checked non-empty");
                out.insert_str(previous, "<mrow>");
                out.push_str(APPLY);
                out.push_str("</mrow>");
                rest = &rest[APPLY.len()..];
                continue;
            }
            children.push(out.len());
        }
        out.push_str(tag);
        if !tag.ends_with("/>") {
            stack.push((name, Vec::new()));
        }
        rest = &rest[gt + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mathml_is_cut_out_of_html_and_mathml() {
        let page = r#"<span class="katex-display"><span class="katex"><span class="katex-mathml"><math display="block"><mi>x</mi></math></span><span class="katex-html" aria-hidden="true">x</span></span></span>"#;
        assert_eq!(
            mathml_only(page),
            r#"<span class="katex"><math display="block"><mi>x</mi></math></span>"#
        );
        let error =
            r##"<span class="katex-error" title="ParseError" style="color:#cc0000">\foo</span>"##;
        assert_eq!(mathml_only(error), error);
    }

    #[test]
    fn tag_cells_take_their_width_as_a_style() {
        let tagged = r#"<mtable width="100%"><mtr><mtd width="50%"></mtd><mtd><mi>x</mi></mtd><mtd width="50%"></mtd><mtd><mtext>(1)</mtext></mtd></mtr></mtable>"#;
        let tidied = tidy(tagged);
        assert!(!tidied.contains("<mtd width"), "{tidied}");
        assert_eq!(tidied.matches(r#"<mtd style="width:50%">"#).count(), 2);
    }

    #[test]
    fn negative_heights_are_dropped() {
        assert_eq!(
            drop_negative_heights(
                r#"<span style="height:-0.21em;"></span><span style="top:-2em;height:1em;max-height:-1em;">"#
            ),
            r#"<span style=""></span><span style="top:-2em;height:1em;max-height:-1em;">"#
        );
    }

    #[test]
    fn function_names_in_scripts_are_grouped() {
        let katex = "<math><semantics><mrow><msub><mi>η</mi><mi>max</mi><mo>\u{2061}</mo></msub><mi>log</mi><mo>\u{2061}</mo></mrow></semantics></math>";
        assert_eq!(
            group_function_names(katex),
            "<math><semantics><mrow><msub><mi>η</mi><mrow><mi>max</mi><mo>\u{2061}</mo></mrow></msub><mi>log</mi><mo>\u{2061}</mo></mrow></semantics></math>"
        );
    }

    #[test]
    fn messages_are_one_line_without_underlines() {
        assert_eq!(
            clean_message(
                "KaTeX parse error: Undefined control sequence: \\foo at position 1:\n\\\u{332}f\u{332}o\u{332}o\u{332}"
            ),
            r"KaTeX parse error: Undefined control sequence: \foo at position 1: \foo"
        );
    }
}
