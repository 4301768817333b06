// Prints one line of a Lighthouse JSON report: the four category scores and the timings.
//   node scores.mjs REPORT.json LABEL
import { readFileSync } from "node:fs";

const [file, label] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, "utf8"));
const score = (id) => Math.round(report.categories[id].score * 100);
const audit = (id) => report.audits[id].displayValue.replace(/\s/g, " ");
console.log(
  [
    label.padEnd(28),
    `perf ${score("performance")}`,
    `a11y ${score("accessibility")}`,
    `bp ${score("best-practices")}`,
    `seo ${score("seo")}`,
    `| FCP ${audit("first-contentful-paint")}`,
    `LCP ${audit("largest-contentful-paint")}`,
    `SI ${audit("speed-index")}`,
    `TBT ${audit("total-blocking-time")}`,
    `CLS ${audit("cumulative-layout-shift")}`,
  ].join("  "),
);
