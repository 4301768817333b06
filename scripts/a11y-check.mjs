// Runs axe-core on pages of a served site in headless Chromium over the DevTools
// protocol, each page in light and in dark mode (prefers-color-scheme emulated), and
// fails on any violation. Run by scripts/a11y-check.sh, which builds and serves the site
// and starts Chromium.
//
//   node --experimental-websocket a11y-check.mjs DEVTOOLS_PORT ORIGIN AXE_JS PATH…

import { readFileSync } from "node:fs";

import { connect } from "./devtools.mjs";

const [devtoolsPort, origin, axePath, ...paths] = process.argv.slice(2);
const axeSource = readFileSync(axePath, "utf8");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Chromium's page; the names of the events it sends are kept in `events`.
async function connectRecording() {
  const events = [];
  const devtools = await connect(devtoolsPort, (msg) => events.push(msg.method));
  return { ...devtools, events };
}

async function evaluate(call, expression) {
  const reply = await call("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
  if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
  return reply.result?.value;
}

// Opens `path` and waits until it has loaded, its fonts included.
async function open(devtools, path) {
  devtools.events.length = 0;
  await devtools.call("Page.navigate", { url: origin + path });
  for (let waited = 0; !devtools.events.includes("Page.loadEventFired"); waited += 50) {
    if (waited > 20000) throw new Error(`${path}: did not load`);
    await sleep(50);
  }
  await evaluate(devtools.call, "document.fonts.ready.then(() => true)");
}

// The violations of the page open, one line each with the elements concerned.
async function violations(call) {
  const found = await evaluate(
    call,
    `(async () => {
      if (!window.axe) { ${axeSource}\n }
      const result = await axe.run(document, { resultTypes: ["violations"] });
      return result.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + (n.failureSummary ? " — " + n.failureSummary.replace(/\\s+/g, " ") : "")),
      }));
    })()`,
  );
  return found;
}

const devtools = await connectRecording();
await devtools.call("Page.enable");
let failures = 0;
for (const path of paths) {
  for (const scheme of ["light", "dark"]) {
    await devtools.call("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: scheme }] });
    await open(devtools, path);
    const found = await violations(devtools.call);
    if (found.length === 0) {
      console.log(`ok   ${path} (${scheme})`);
      continue;
    }
    failures += found.length;
    console.log(`FAIL ${path} (${scheme})`);
    for (const v of found) {
      console.log(`  ${v.id}: ${v.help}`);
      for (const node of v.nodes) console.log(`    ${node}`);
    }
  }
}
devtools.close();
if (failures > 0) {
  console.error(`${failures} axe violation(s)`);
  process.exit(1);
}
