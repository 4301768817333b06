//! KaTeX in QuickJS, built into folio: one engine per thread (an engine cannot move
//! between threads).

use std::cell::RefCell;
use std::collections::BTreeMap;

use quick_js::{Context, JsValue};

use super::{Answer, ENTRY_JS, KATEX_JS, Rendering, Request};

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

/// Renders one formula; the error is KaTeX's message.
pub fn render(request: &Request) -> Result<Rendering, String> {
    ENGINE.with(|engine| engine.as_ref().map_err(Clone::clone)?.render(request))
}

impl Engine {
    fn render(&self, request: &Request) -> Result<Rendering, String> {
        self.use_macros(request.macros)?;
        let args = [
            JsValue::String(request.tex.to_string()),
            JsValue::Bool(request.display),
            JsValue::String(request.output().to_string()),
            JsValue::Bool(request.throw_on_error),
        ];
        let reply = self
            .context
            .call_function("folioRender", args)
            .map_err(|e| format!("KaTeX error: {e}"))?;
        answer(reply)?.into()
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

/// `folioRender`'s answer, read from QuickJS's values.
fn answer(reply: JsValue) -> Result<Answer, String> {
    let mut fields = match reply {
        JsValue::String(html) => return Ok(Answer::Html(html)),
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
    Ok(Answer::Full {
        html: fields.remove("html").and_then(JsValue::into_string),
        error: fields.remove("error").and_then(JsValue::into_string),
        warnings,
    })
}
