// Gives each asset the portal serves a name with its content's hash, and writes Brotli and
// gzip copies beside it, once, at build time (issue 15). A page names the hashed file
// (portal/assets.py reads static/build/manifest.json), so browsers may keep it for a year
// without asking again, and a changed file is a new name.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const STATIC = "static";
const BUILD = join(STATIC, "build");
// In order: a file may name one before it (portal.js imports GOV.UK Frontend's script).
const ASSETS = [
  "build/govuk-frontend.min.js",
  "build/portal.css",
  "js/enable-js.js",
  "js/portal.js",
  "images/favicon.svg",
];
const COMPRESSIBLE = new Set([".css", ".js", ".svg", ".json"]);
const HASHED = /\.[0-9a-f]{12}\.[a-z]+(\.br|\.gz)?$/;

function removeOldHashes(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) removeOldHashes(path);
    else if (HASHED.test(entry.name)) rmSync(path);
  }
}

function precompress(path, body) {
  if (!COMPRESSIBLE.has(extname(path))) return;
  const brotli = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  const gzip = gzipSync(body, { level: 9 });
  if (brotli.length < body.length) writeFileSync(`${path}.br`, brotli);
  if (gzip.length < body.length) writeFileSync(`${path}.gz`, gzip);
}

removeOldHashes(BUILD);
const manifest = {};
for (const name of ASSETS) {
  let text = readFileSync(join(STATIC, name));
  if (extname(name) === ".js") {
    let source = text.toString("utf8");
    for (const [from, to] of Object.entries(manifest)) {
      source = source.replaceAll(`/static/${from}`, `/static/${to}`);
    }
    text = Buffer.from(source, "utf8");
  }
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 12);
  const extension = extname(name);
  // Our own files go under build/ too, so only built files are served with the long cache.
  const base = name.startsWith("build/") ? name.slice("build/".length) : name;
  const hashed = `build/${base.slice(0, -extension.length)}.${hash}${extension}`;
  const target = join(STATIC, hashed);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  precompress(target, text);
  manifest[name] = hashed;
}
writeFileSync(join(BUILD, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
