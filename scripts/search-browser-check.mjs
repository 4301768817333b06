// Searches built sites in headless Chromium over the DevTools protocol, as a reader
// would: opens a search page, types a query into Pagefind's input, waits for the
// results, and checks which pages they link to. Run by scripts/search-browser-check.sh,
// which builds and serves the sites and starts Chromium.
//
//   node --experimental-websocket search-browser-check.mjs DEVTOOLS_PORT ORIGIN CHECKS_JSON
//
// CHECKS_JSON is a list of { page, query, first?, found?, absent? }: the search page's
// path, the query, the path the first result must link to, paths that must be among the
// results loaded (those in view), paths that must not. Fails on a console error, an uncaught exception, or a
// request that leaves ORIGIN.

import { connect } from "./devtools.mjs";

const [devtoolsPort, origin, checksJson] = process.argv.slice(2);
const checks = JSON.parse(checksJson);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const TIMEOUT_MS = 20000;

// Chromium's page, every event that fails the check collected in `problems`.
async function connectChecked() {
  const problems = [];
  const devtools = await connect(devtoolsPort, (msg) => problems.push(...problemsIn(msg)));
  return { ...devtools, problems };
}

// What in a DevTools event fails the check.
function problemsIn(msg) {
  const p = msg.params ?? {};
  switch (msg.method) {
    case "Runtime.exceptionThrown":
      return [`uncaught: ${p.exceptionDetails?.exception?.description ?? p.exceptionDetails?.text}`];
    case "Runtime.consoleAPICalled":
      return p.type === "error" ? [`console error: ${p.args?.map((a) => a.value ?? a.description).join(" ")}`] : [];
    case "Log.entryAdded":
      // Chromium asks every origin for /favicon.ico by itself; the sites link their own.
      return p.entry?.level === "error" && !p.entry.url?.endsWith("/favicon.ico")
        ? [`${p.entry.text} ${p.entry.url ?? ""}`]
        : [];
    case "Network.requestWillBeSent": {
      const url = p.request?.url ?? "";
      return url.startsWith(origin) || url.startsWith("data:") ? [] : [`request outside the site: ${url}`];
    }
    default:
      return [];
  }
}

async function run(devtools, check) {
  const { call } = devtools;
  const evaluate = async (expression) =>
    (await call("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true })).result?.value;
  await call("Page.navigate", { url: origin + check.page });
  const waitFor = async (what, expression) => {
    const start = Date.now();
    while (Date.now() - start < TIMEOUT_MS) {
      const value = await evaluate(expression);
      if (value) return value;
      await sleep(100);
    }
    throw new Error(`${check.page} ${JSON.stringify(check.query)}: timed out waiting for ${what}`);
  };
  await waitFor("the search input", `document.readyState === "complete" && !!document.querySelector("pagefind-input input")`);
  await evaluate(`(() => {
    const input = document.querySelector("pagefind-input input");
    input.focus();
    input.value = ${JSON.stringify(check.query)};
    input.dispatchEvent(new Event("input", { bubbles: true }));
  })()`);
  const summary = await waitFor(
    "results",
    `(() => {
      const text = document.querySelector("pagefind-summary")?.textContent ?? "";
      // Results come in as their fragments load (those out of view, when scrolled to):
      // wait for the first one's link.
      const first = document.querySelector('pagefind-results li[data-pf-result-index="0"] a.pf-result-link');
      return text.includes(${JSON.stringify(check.query)}) && first ? text.trim() : null;
    })()`,
  );
  const links = await evaluate(
    `[...document.querySelectorAll("pagefind-results a.pf-result-link")].map((a) => new URL(a.href).pathname)`,
  );
  const failures = [];
  if (check.first && links[0] !== check.first) failures.push(`first result is ${links[0]}, not ${check.first}`);
  for (const path of check.found ?? []) if (!links.includes(path)) failures.push(`${path} is not found`);
  for (const path of check.absent ?? []) if (links.includes(path)) failures.push(`${path} is found`);
  const label = `${check.page} ${JSON.stringify(check.query)}: ${summary}`;
  return failures.length ? failures.map((f) => `FAIL ${label}: ${f} (results: ${links.join(", ") || "none"})`) : [`ok   ${label}`];
}

async function main() {
  const devtools = await connectChecked();
  for (const domain of ["Runtime", "Log", "Network", "Page"]) await devtools.call(`${domain}.enable`);
  const lines = [];
  for (const check of checks) lines.push(...(await run(devtools, check)));
  lines.push(...devtools.problems.map((p) => `FAIL ${p}`));
  devtools.close();
  console.log(lines.join("\n"));
  if (lines.some((line) => line.startsWith("FAIL"))) process.exit(1);
}

main().catch((e) => {
  console.error(`FAIL ${e.message}`);
  process.exit(1);
});
