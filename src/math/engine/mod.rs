//! KaTeX, the build in `vendor/katex-0.16.4/`, run by one of two JavaScript engines that
//! give byte-identical output: Node.js, whose JIT typesets a formula about ten times
//! faster, when it is installed, else QuickJS, built into folio. folio drives KaTeX
//! itself rather than through the `katex` crate so that it hears KaTeX's strict-mode
//! warnings, which KaTeX hands to a `strict` function and would otherwise print to a
//! console.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::config::MathEngine;

mod node;
mod quickjs;

pub const KATEX_VERSION: &str = "0.16.4";
/// Changes whenever the options folio gives KaTeX change, so cached renderings go.
pub const OPTIONS_VERSION: u32 = 2;

const KATEX_JS: &str = concat!(
    include_str!("../../../vendor/katex-0.16.4/katex.min.js"),
    "\n",
    include_str!("../../../vendor/katex-0.16.4/contrib/mhchem.min.js"),
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

/// What `folioRender` answered: the HTML alone, or an object with the HTML or KaTeX's
/// error, and the warnings. Both engines' answers are read into it, so that they are
/// interpreted alike.
#[derive(Deserialize)]
#[serde(untagged)]
enum Answer {
    Html(String),
    Full {
        html: Option<String>,
        error: Option<String>,
        #[serde(default)]
        warnings: Vec<String>,
    },
}

impl From<Answer> for Result<Rendering, String> {
    fn from(answer: Answer) -> Self {
        match answer {
            Answer::Html(html) => Ok(Rendering {
                html,
                warnings: Vec::new(),
            }),
            Answer::Full {
                html: Some(html),
                warnings,
                ..
            } => Ok(Rendering { html, warnings }),
            Answer::Full { error, .. } => {
                Err(error.unwrap_or_else(|| "KaTeX error: no output".into()))
            }
        }
    }
}

impl Request<'_> {
    /// KaTeX's `output` option.
    fn output(&self) -> &'static str {
        if self.mathml_only {
            "mathml"
        } else {
            "htmlAndMathml"
        }
    }
}

/// Renders each formula with the engine `choice` names, in order; an error is KaTeX's
/// message.
pub fn render_all(choice: MathEngine, requests: &[Request]) -> Vec<Result<Rendering, String>> {
    if requests.is_empty() {
        // A warm build asks for nothing: no worker is started for it.
        return Vec::new();
    }
    let node = match choice {
        MathEngine::QuickJs => false,
        MathEngine::Node => true,
        MathEngine::Auto => node::start_once().is_ok(),
    };
    if node {
        node::render_all(requests)
    } else {
        requests.iter().map(quickjs::render).collect()
    }
}

/// Whether the engine `choice` names can run, and if not, why.
pub fn check(choice: MathEngine) -> Result<(), String> {
    match choice {
        MathEngine::Node => node::start_once(),
        MathEngine::Auto | MathEngine::QuickJs => Ok(()),
    }
}

/// Ends the Node.js workers, waiting for them so that their time counts as folio's.
pub fn stop() {
    node::stop();
}

#[cfg(test)]
mod tests {
    use super::*;

    static NO_MACROS: BTreeMap<String, String> = BTreeMap::new();

    /// QuickJS always, and Node.js where it is installed: both must answer alike.
    fn engines() -> Vec<MathEngine> {
        let mut engines = vec![MathEngine::QuickJs];
        if node::start_once().is_ok() {
            engines.push(MathEngine::Node);
        }
        engines
    }

    fn render_with(
        engine: MathEngine,
        tex: &str,
        macros: &BTreeMap<String, String>,
    ) -> Result<Rendering, String> {
        let request = Request {
            tex,
            display: false,
            mathml_only: true,
            throw_on_error: true,
            macros,
        };
        let mut answers = render_all(engine, &[request]);
        answers.pop().expect("one answer for one request")
    }

    #[test]
    fn renders_reports_errors_and_strict_warnings() {
        for engine in engines() {
            let good = render_with(engine, "x^2", &NO_MACROS).unwrap();
            assert!(good.html.contains("<math"), "{engine:?}: {}", good.html);
            assert!(good.warnings.is_empty());
            let bad = render_with(engine, "\\frac{1}{", &NO_MACROS).unwrap_err();
            assert!(bad.starts_with("KaTeX parse error"), "{engine:?}: {bad}");
            let strict = render_with(engine, "\\text{é} é", &NO_MACROS).unwrap();
            assert_eq!(strict.warnings.len(), 1, "{:?}", strict.warnings);
            assert!(
                strict.warnings[0].contains("unicodeTextInMathMode"),
                "{engine:?}: {:?}",
                strict.warnings
            );
        }
    }

    /// The macros are handed over once per engine, so a formula's `\gdef` must not
    /// reach the formulas after it on the same engine, and new macros must replace old.
    #[test]
    fn macros_change_and_gdef_stays_in_its_formula() {
        for engine in engines() {
            let mut macros = BTreeMap::new();
            macros.insert("\\folioX".to_string(), "y".to_string());
            let with =
                |tex: &str, macros: &BTreeMap<String, String>| render_with(engine, tex, macros);
            let defined = with("\\gdef\\folioY{z} \\folioX \\folioY", &macros).unwrap();
            assert!(
                defined.html.contains("<mi>y</mi><mi>z</mi>"),
                "{engine:?}: {}",
                defined.html
            );
            let gone = with("\\folioY", &macros).unwrap_err();
            assert!(gone.contains("Undefined control sequence"), "{gone}");
            assert!(with("\\folioX", &NO_MACROS).is_err());
            macros.insert("\\folioX".to_string(), "w".to_string());
            let changed = with("\\folioX", &macros).unwrap();
            assert!(
                changed.html.contains("<mi>w</mi>"),
                "{engine:?}: {}",
                changed.html
            );
            assert!(with("\\folioY", &macros).is_err());
        }
    }

    /// With `engine = "node"` where Node.js cannot start, the build is told why.
    #[test]
    fn node_missing_is_explained() {
        let error = node::start_with("folio-no-such-node").unwrap_err();
        assert!(error.contains("folio-no-such-node"), "{error}");
        assert!(error.contains("engine"), "{error}");
    }
}
