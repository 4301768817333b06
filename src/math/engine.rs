//! KaTeX in QuickJS: the KaTeX build in `vendor/katex-0.16.4/`, one engine per thread (an
//! engine cannot move between threads). folio drives KaTeX itself rather than through
//! the `katex` crate so that it hears KaTeX's strict-mode warnings, which KaTeX hands to
//! a `strict` function and would otherwise print to a console QuickJS does not have.

use std::collections::BTreeMap;

use serde::Deserialize;

pub const KATEX_VERSION: &str = "0.16.4";
/// Changes whenever the options folio gives KaTeX change, so cached renderings go.
pub const OPTIONS_VERSION: u32 = 2;

const KATEX_JS: &str = concat!(
    include_str!("../../vendor/katex-0.16.4/katex.min.js"),
    "\n",
    include_str!("../../vendor/katex-0.16.4/contrib/mhchem.min.js"),
);

/// Renders with the given options plus a `strict` function that collects warnings, and
/// answers in JSON so that no error format of the engine needs parsing.
const ENTRY_JS: &str = r#"
function folioRender(tex, optionsJson) {
  var options = JSON.parse(optionsJson);
  var warnings = [];
  // `\href` to a web or relative address: folio's references inside formulas are
  // links, and an author's link to a page is one too.
  options.trust = function (context) {
    return context.command === "\\href" &&
      ["_relative", "http", "https"].indexOf(context.protocol) >= 0;
  };
  options.strict = function (code, message) {
    warnings.push(message + " [" + code + "]");
    return "ignore";
  };
  try {
    return JSON.stringify({ html: katex.renderToString(tex, options), warnings: warnings });
  } catch (e) {
    return JSON.stringify({ error: String(e && e.message ? e.message : e), warnings: [] });
  }
}
"#;

thread_local! {
    static ENGINE: Result<quick_js::Context, String> = start();
}

fn start() -> Result<quick_js::Context, String> {
    let context = quick_js::Context::new().map_err(|e| format!("cannot start KaTeX: {e}"))?;
    context
        .eval(KATEX_JS)
        .and_then(|_| context.eval(ENTRY_JS))
        .map_err(|e| format!("cannot load KaTeX: {e}"))?;
    Ok(context)
}

pub struct Request<'a> {
    pub tex: &'a str,
    pub display: bool,
    /// MathML alone (for feeds) rather than HTML and MathML.
    pub mathml_only: bool,
    /// Without it, KaTeX renders a bad formula in its error colour.
    pub throw_on_error: bool,
    pub macros: &'a BTreeMap<String, String>,
}

/// KaTeX's HTML, with the strict-mode warnings it gave.
#[derive(Debug)]
pub struct Rendering {
    pub html: String,
    pub warnings: Vec<String>,
}

#[derive(Deserialize)]
struct Reply {
    html: Option<String>,
    error: Option<String>,
    warnings: Vec<String>,
}

/// Renders one formula; the error is KaTeX's message.
pub fn render(request: &Request) -> Result<Rendering, String> {
    let options = serde_json::json!({
        "displayMode": request.display,
        "output": if request.mathml_only { "mathml" } else { "htmlAndMathml" },
        "throwOnError": request.throw_on_error,
        "macros": request.macros,
    });
    let args = [request.tex.to_string(), options.to_string()];
    let reply = ENGINE.with(|engine| {
        let engine = engine.as_ref().map_err(Clone::clone)?;
        engine
            .call_function("folioRender", args)
            .map_err(|e| format!("KaTeX error: {e}"))?
            .into_string()
            .ok_or_else(|| "KaTeX error: no answer".to_string())
    })?;
    let reply: Reply =
        serde_json::from_str(&reply).map_err(|e| format!("KaTeX error: unreadable answer: {e}"))?;
    match (reply.html, reply.error) {
        (Some(html), None) => Ok(Rendering {
            html,
            warnings: reply.warnings,
        }),
        (_, error) => Err(error.unwrap_or_else(|| "KaTeX error: no output".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(tex: &str) -> Request<'_> {
        static NO_MACROS: BTreeMap<String, String> = BTreeMap::new();
        Request {
            tex,
            display: false,
            mathml_only: true,
            throw_on_error: true,
            macros: &NO_MACROS,
        }
    }

    #[test]
    fn renders_reports_errors_and_strict_warnings() {
        let good = render(&request("x^2")).unwrap();
        assert!(good.html.contains("<math"), "{}", good.html);
        assert!(good.warnings.is_empty());
        let bad = render(&request("\\frac{1}{")).unwrap_err();
        assert!(bad.starts_with("KaTeX parse error"), "{bad}");
        let strict = render(&request("\\text{é} é")).unwrap();
        assert_eq!(strict.warnings.len(), 1, "{:?}", strict.warnings);
        assert!(
            strict.warnings[0].contains("unicodeTextInMathMode"),
            "{:?}",
            strict.warnings
        );
    }
}
