//! KaTeX in Node.js: worker processes that each load folio's KaTeX once and then typeset
//! one formula per request. V8's JIT runs KaTeX about ten times faster than QuickJS's
//! interpreter, and KaTeX's JavaScript is the same, so the output is too. Requests and
//! answers are JSON, a line each (JSON strings hold no raw newline). Workers are kept
//! between builds of `folio serve`, one per thread that asked at once.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Mutex, OnceLock, PoisonError};

use super::{Answer, ENTRY_JS, KATEX_JS, KATEX_VERSION, Rendering, Request};

const PROGRAM: &str = "node";
/// Well under a pipe's 64 KiB, so that sending a group seldom waits for the worker.
const GROUP_BYTES: usize = 16 * 1024;

/// Reads KaTeX's source and folio's entry points as the first two lines, then answers
/// each request line; answers are written together when a `flush` line asks, so that a
/// group of requests wakes folio once. Node.js's
/// stdin is read synchronously: a worker has nothing to do between requests.
const WORKER_JS: &str = r#"
"use strict";
const fs = require("fs");
const vm = require("vm");
const { StringDecoder } = require("string_decoder");
const decoder = new StringDecoder("utf8");
const chunk = Buffer.alloc(1 << 16);
let pending = "";
function readLine() {
  for (;;) {
    const newline = pending.indexOf("\n");
    if (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      return line;
    }
    let read;
    try {
      read = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      if (e.code === "EAGAIN") continue;
      throw e;
    }
    if (read === 0) return null;
    pending += decoder.write(chunk.subarray(0, read));
  }
}
let answers = [];
function send(value) {
  answers.push(JSON.stringify(value));
}
function flush() {
  const bytes = Buffer.from(answers.join("\n") + "\n");
  answers = [];
  for (let at = 0; at < bytes.length; ) {
    try {
      at += fs.writeSync(1, bytes, at);
    } catch (e) {
      if (e.code !== "EAGAIN") throw e;
    }
  }
}
// KaTeX's UMD wrappers would export to `module` when run by `node -e`; hidden, they set
// globals, as in QuickJS.
const katexSource = JSON.parse(readLine());
vm.runInThisContext("(function (exports, module, define) {\n" + katexSource + "\n}).call(globalThis);");
vm.runInThisContext(JSON.parse(readLine()));
send(katex.version);
flush();
for (let line = readLine(); line !== null; line = readLine()) {
  const request = JSON.parse(line);
  if (request[0] === "macros") folioSetMacros(request[1]);
  else if (request[0] === "flush") flush();
  else send(folioRender(request[1], request[2], request[3], request[4]));
}
"#;

/// One Node.js process with KaTeX loaded, and the macros it was last given.
struct Worker {
    child: Child,
    input: Option<ChildStdin>,
    output: BufReader<ChildStdout>,
    macros: Option<BTreeMap<String, String>>,
}

static IDLE: Mutex<Vec<Worker>> = Mutex::new(Vec::new());
static STARTED: OnceLock<Result<(), String>> = OnceLock::new();

/// Whether Node.js runs KaTeX here: the first worker is started once and kept.
pub fn start_once() -> Result<(), String> {
    STARTED.get_or_init(|| start_with(PROGRAM)).clone()
}

/// Starts a worker from `program`, with the reason when it cannot run KaTeX.
pub fn start_with(program: &str) -> Result<(), String> {
    Worker::start(program).map(|worker| idle().push(worker))
}

/// KaTeX's answer to each request, in order, from one worker.
pub fn render_all(requests: &[Request]) -> Vec<Result<Rendering, String>> {
    let worker = idle().pop();
    let answers = worker
        .map_or_else(|| Worker::start(PROGRAM), Ok)
        .and_then(|mut worker| {
            let answers = worker.render_all(requests).map_err(|e| stopped(&e))?;
            idle().push(worker);
            Ok(answers)
        });
    answers.unwrap_or_else(|error| requests.iter().map(|_| Err(error.clone())).collect())
}

/// Ends every idle worker.
pub fn stop() {
    let workers = std::mem::take(&mut *idle());
    drop(workers);
}

fn idle() -> std::sync::MutexGuard<'static, Vec<Worker>> {
    IDLE.lock().unwrap_or_else(PoisonError::into_inner)
}

fn stopped(error: &std::io::Error) -> String {
    format!(
        "KaTeX in Node.js stopped answering ({error}); set [math] engine = \"quickjs\" to use the engine built into folio"
    )
}

impl Worker {
    fn start(program: &str) -> Result<Self, String> {
        let cannot = |e: &dyn std::fmt::Display| {
            format!(
                "cannot run KaTeX in Node.js (`{program}`): {e}; install Node.js, or set [math] engine = \"auto\" or \"quickjs\" to use the engine built into folio"
            )
        };
        let mut child = Command::new(program)
            .args(["-e", WORKER_JS])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| cannot(&e))?;
        let (Some(input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(cannot(&"no pipes to it"));
        };
        let mut worker = Self {
            child,
            input: Some(input),
            output: BufReader::new(output),
            macros: None,
        };
        (worker.send(&KATEX_JS).and_then(|()| worker.send(&ENTRY_JS))).map_err(|e| cannot(&e))?;
        let version: String = worker.answer().map_err(|e| cannot(&e))?;
        if version != KATEX_VERSION {
            return Err(cannot(&format!("it loaded KaTeX {version}")));
        }
        Ok(worker)
    }

    /// The rendering or KaTeX's error for each request, unless the worker itself failed.
    /// Requests go in groups of up to `GROUP_BYTES`, each ended by a `flush`.
    fn render_all(
        &mut self,
        requests: &[Request],
    ) -> std::io::Result<Vec<Result<Rendering, String>>> {
        let mut answers = Vec::with_capacity(requests.len());
        let (mut lines, mut waiting) = (Vec::new(), 0);
        for (i, request) in requests.iter().enumerate() {
            if self.macros.as_ref() != Some(request.macros) {
                let json = serde_json::to_string(request.macros)?;
                append(&mut lines, &("macros", json))?;
                self.macros = Some(request.macros.clone());
            }
            let output = request.output();
            let line = (
                "render",
                request.tex,
                request.display,
                output,
                request.throw_on_error,
            );
            append(&mut lines, &line)?;
            waiting += 1;
            if lines.len() >= GROUP_BYTES || i + 1 == requests.len() {
                append(&mut lines, &("flush",))?;
                self.send_lines(&std::mem::take(&mut lines))?;
                for _ in 0..std::mem::take(&mut waiting) {
                    answers.push(self.answer::<Answer>()?.into());
                }
            }
        }
        Ok(answers)
    }

    fn send(&mut self, message: &impl serde::Serialize) -> std::io::Result<()> {
        let mut line = Vec::new();
        append(&mut line, message)?;
        self.send_lines(&line)
    }

    fn send_lines(&mut self, lines: &[u8]) -> std::io::Result<()> {
        let input = self.input.as_mut().ok_or(std::io::ErrorKind::BrokenPipe)?;
        input.write_all(lines)?;
        input.flush()
    }

    fn answer<T: serde::de::DeserializeOwned>(&mut self) -> std::io::Result<T> {
        let mut line = String::new();
        if self.output.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        Ok(serde_json::from_str(&line)?)
    }
}

/// `message` as a JSON line at the end of `lines`.
fn append(lines: &mut Vec<u8>, message: &impl serde::Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *lines, message)?;
    lines.push(b'\n');
    Ok(())
}

/// Closing its input ends the worker's loop; waiting reaps it, and counts its time as
/// folio's.
impl Drop for Worker {
    fn drop(&mut self) {
        self.input.take();
        let _ = self.child.wait();
    }
}
