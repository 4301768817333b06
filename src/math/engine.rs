//! KaTeX in QuickJS: the KaTeX build in `vendor/katex-0.16.4/`, one engine per thread (an
//! engine cannot move between threads). folio drives KaTeX itself rather than through
//! the `katex` crate so that it hears KaTeX's strict-mode warnings, which KaTeX hands to
//! a `strict` function and would otherwise print to a console QuickJS does not have.

use std::cell::RefCell;
use std::collections::BTreeMap;

use quick_js::{Context, JsValue};

pub const KATEX_VERSION: &str = "0.16.4";
/// Changes whenever the options folio gives KaTeX change, so cached renderings go.
pub const OPTIONS_VERSION: u32 = 2;

const KATEX_JS: &str = concat!(
    include_str!("../../vendor/katex-0.16.4/katex.min.js"),
    "\n",
    include_str!("../../vendor/katex-0.16.4/contrib/mhchem.min.js"),
);

/// The `trust` and `strict` functions and the macros are made once per engine; each
/// formula gets its own copy of the macros, since KaTeX adds `\gdef` definitions to the
/// object it is given and one formula's must not reach the next. `folioRender` answers
/// the HTML alone when KaTeX had nothing to say, which is nearly always, else an object
/// with the HTML or KaTeX's error and the warnings, so that no error format of the
/// engine needs parsing and no HTML is turned into JSON and back.
const ENTRY_JS: &str = r#"
var folioMacros = {};
var folioWarnings = [];
// `\href` to a web or relative address: folio's references inside formulas are links,
// and an author's link to a page is one too.
function folioTrust(context) {
  return context.command === "\\href" &&
    ["_relative", "http", "https"].indexOf(context.protocol) >= 0;
}
function folioStrict(code, message) {
  folioWarnings.push(message + " [" + code + "]");
  return "ignore";
}
function folioSetMacros(macrosJson) {
  folioMacros = JSON.parse(macrosJson);
}
function folioRender(tex, displayMode, output, throwOnError) {
  folioWarnings = [];
  var options = {
    displayMode: displayMode,
    output: output,
    throwOnError: throwOnError,
    macros: Object.assign({}, folioMacros),
    trust: folioTrust,
    strict: folioStrict,
  };
  try {
    var html = katex.renderToString(tex, options);
    return folioWarnings.length ? { html: html, warnings: folioWarnings } : html;
  } catch (e) {
    return { error: String(e && e.message ? e.message : e), warnings: [] };
  }
}
"#;

/// KaTeX loaded, and the macros it was last given.
struct Engine {
    context: Context,
    macros: RefCell<Option<BTreeMap<String, String>>>,
}

thread_local! {
    static ENGINE: Result<Engine, String> = start();
}

fn start() -> Result<Engine, String> {
    let context = Context::new().map_err(|e| format!("cannot start KaTeX: {e}"))?;
    context
        .eval(KATEX_JS)
        .and_then(|_| context.eval(ENTRY_JS))
        .map_err(|e| format!("cannot load KaTeX: {e}"))?;
    Ok(Engine {
        context,
        macros: RefCell::new(None),
    })
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

/// Renders one formula; the error is KaTeX's message.
pub fn render(request: &Request) -> Result<Rendering, String> {
    ENGINE.with(|engine| engine.as_ref().map_err(Clone::clone)?.render(request))
}

impl Engine {
    fn render(&self, request: &Request) -> Result<Rendering, String> {
        self.use_macros(request.macros)?;
        let output = if request.mathml_only {
            "mathml"
        } else {
            "htmlAndMathml"
        };
        let args = [
            JsValue::String(request.tex.to_string()),
            JsValue::Bool(request.display),
            JsValue::String(output.to_string()),
            JsValue::Bool(request.throw_on_error),
        ];
        let reply = self
            .context
            .call_function("folioRender", args)
            .map_err(|e| format!("KaTeX error: {e}"))?;
        rendering(reply)
    }

    /// Hands KaTeX the macros when they differ from the last ones (`folio serve` may
    /// rebuild with others), rather than with every formula.
    fn use_macros(&self, macros: &BTreeMap<String, String>) -> Result<(), String> {
        if self.macros.borrow().as_ref() == Some(macros) {
            return Ok(());
        }
        let json = serde_json::to_string(macros).map_err(|e| format!("KaTeX error: {e}"))?;
        self.context
            .call_function("folioSetMacros", [json])
            .map_err(|e| format!("KaTeX error: {e}"))?;
        *self.macros.borrow_mut() = Some(macros.clone());
        Ok(())
    }
}

/// What `folioRender` answered: the HTML alone, or an object with the HTML or the
/// error, and the warnings.
fn rendering(reply: JsValue) -> Result<Rendering, String> {
    let mut fields = match reply {
        JsValue::String(html) => {
            return Ok(Rendering {
                html,
                warnings: Vec::new(),
            });
        }
        JsValue::Object(fields) => fields,
        _ => return Err("KaTeX error: no answer".into()),
    };
    let warnings = match fields.remove("warnings") {
        Some(JsValue::Array(warnings)) => warnings
            .into_iter()
            .filter_map(JsValue::into_string)
            .collect(),
        _ => Vec::new(),
    };
    match (fields.remove("html"), fields.remove("error")) {
        (Some(JsValue::String(html)), _) => Ok(Rendering { html, warnings }),
        (_, Some(JsValue::String(error))) => Err(error),
        _ => Err("KaTeX error: no output".into()),
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

    /// The macros are handed over once per engine, so a formula's `\gdef` must not
    /// reach the formulas after it on the same thread, and new macros must replace old.
    #[test]
    fn macros_change_and_gdef_stays_in_its_formula() {
        let mut macros = BTreeMap::new();
        macros.insert("\\folioX".to_string(), "y".to_string());
        fn with(tex: &str, macros: &BTreeMap<String, String>) -> Result<Rendering, String> {
            render(&Request {
                macros,
                ..request(tex)
            })
        }
        let defined = with("\\gdef\\folioY{z} \\folioX \\folioY", &macros).unwrap();
        assert!(
            defined.html.contains("<mi>y</mi><mi>z</mi>"),
            "{}",
            defined.html
        );
        let gone = with("\\folioY", &macros).unwrap_err();
        assert!(gone.contains("Undefined control sequence"), "{gone}");
        assert!(render(&request("\\folioX")).is_err());
        macros.insert("\\folioX".to_string(), "w".to_string());
        let changed = with("\\folioX", &macros).unwrap();
        assert!(changed.html.contains("<mi>w</mi>"), "{}", changed.html);
        assert!(with("\\folioY", &macros).is_err());
    }
}
