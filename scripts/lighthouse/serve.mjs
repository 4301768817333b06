// Serves a built site as GitHub Pages does: text gzipped when the browser accepts it,
// `index.html` for folders, the site's 404.html for anything missing.
//   node serve.mjs DIR PORT
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { extname, join, normalize } from "node:path";

const [dir, port] = process.argv.slice(2);
const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".json": "application/json",
  ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm", ".woff2": "font/woff2", ".png": "image/png",
};
const compressible = /^(text\/|application\/(json|xml|wasm)|image\/svg)/;

createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  let file = join(dir, path);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
  } catch {}
  let status = 200;
  let body = await readFile(file).catch(() => null);
  if (body === null) {
    status = 404;
    file = join(dir, "404.html");
    body = await readFile(file).catch(() => Buffer.from("not found"));
  }
  const type = types[extname(file)] ?? "application/octet-stream";
  const headers = { "content-type": type, "cache-control": "max-age=600" };
  if (compressible.test(type) && /gzip/.test(req.headers["accept-encoding"] ?? "")) {
    body = gzipSync(body);
    headers["content-encoding"] = "gzip";
  }
  res.writeHead(status, headers);
  res.end(body);
}).listen(Number(port), "127.0.0.1");
