// `pnpm lint`: fails if anything in the built site would make a browser fetch from another
// origin: a CDN script, a web font, a remote image or stylesheet. Links (<a href>) are fine, since
// nothing is fetched until someone clicks them. The browser test proves the same thing at run
// time; this check is the fast, static half that also covers pages and paths the test never opens.
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DIST } from "./serve.mjs";

const REMOTE = /^\s*(?:https?:)?\/\//i;
const isRemote = (url) => REMOTE.test(url);

// <link rel> values that make the browser fetch (or connect to) the href.
const FETCHING_LINK_RELS = new Set([
  "stylesheet", "preload", "modulepreload", "prefetch", "prerender", "preconnect", "dns-prefetch",
  "icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon", "manifest",
]);
// Attributes that load their URL on any element that has them (img, script, iframe, source, ...).
const FETCHING_ATTRIBUTES = new Set(["src", "srcset", "poster", "data", "background", "imagesrcset"]);
// SVG elements whose href is fetched when it points at another document.
const FETCHING_HREF_ELEMENTS = new Set(["image", "use", "feimage", "script"]);

// Hosts that only serve assets to embed, so any URL on them in a script is a would-be fetch.
const ASSET_HOSTS = [/^cdn\./, /^fonts\.googleapis\.com$/, /^fonts\.gstatic\.com$/, /^use\.typekit\.net$/,
  /^unpkg\.com$/, /^esm\.sh$/, /^cdnjs\.cloudflare\.com$/, /^ga\.jspm\.io$/];
// Paths that are embedded resources rather than pages to visit.
const ASSET_PATH = /\.(?:m?js|css|svg|png|jpe?g|gif|webp|avif|ico|bmp|woff2?|ttf|otf|eot)$/i;

function lineOf(text, index) {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}

function parseAttributes(source) {
  const attributes = new Map();
  const pattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const match of source.matchAll(pattern)) {
    attributes.set(match[1].toLowerCase(), match[2] ?? match[3] ?? match[4] ?? "");
  }
  return attributes;
}

function srcsetUrls(value) {
  return value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0]).filter(Boolean);
}

/** Remote fetches in CSS text: url(), @import and web fonts. */
export function cssFindings(css) {
  const findings = [];
  const fontFaces = [];
  for (const match of css.matchAll(/@font-face\s*\{[^}]*\}/gi)) {
    fontFaces.push([match.index, match.index + match[0].length]);
  }
  const inFontFace = (index) => fontFaces.some(([start, end]) => index >= start && index < end);
  const imports = new Set();
  for (const match of css.matchAll(/@import\s+(url\(\s*)?(['"]?)([^'")\s;]+)\2/gi)) {
    if (!isRemote(match[3])) continue;
    findings.push({ index: match.index, what: "CSS @import", url: match[3] });
    if (match[1]) imports.add(match.index + match[0].indexOf("url("));
  }
  for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (!isRemote(match[2]) || imports.has(match.index)) continue;
    const what = inFontFace(match.index) ? "web font (@font-face)" : "CSS url()";
    findings.push({ index: match.index, what, url: match[2] });
  }
  return findings;
}

/** Remote fetches a script would make: ES imports, workers, and asset URLs in its strings. */
export function scriptFindings(js) {
  const findings = [];
  const fetchCalls = /(?:\bfrom|\bimport\s*\(|\bimportScripts\s*\(|\bnew\s+(?:Shared)?Worker\s*\()\s*["'`]((?:https?:)?\/\/[^"'`]+)/g;
  for (const match of js.matchAll(fetchCalls)) findings.push({ index: match.index, what: "script import", url: match[1] });
  for (const match of js.matchAll(/https?:\/\/[^\s"'`<>\\)]+/g)) {
    let url;
    try {
      url = new URL(match[0]);
    } catch {
      continue;
    }
    const assetHost = ASSET_HOSTS.some((host) => host.test(url.hostname));
    if (assetHost || ASSET_PATH.test(url.pathname)) {
      if (!findings.some((f) => f.url === match[0])) findings.push({ index: match.index, what: "asset URL in a script", url: match[0] });
    }
  }
  return findings;
}

function redocFindings(html) {
  const match = /const __redoc_options = (\{.*?\});\s*$/m.exec(html);
  if (!match) return [];
  let options;
  try {
    options = JSON.parse(match[1]);
  } catch {
    return [{ index: match.index, what: "Redoc options that cannot be read (is telemetry off?)", url: "" }];
  }
  return options.disableTelemetry === true
    ? []
    : [{ index: match.index, what: "Redoc telemetry is on (set `telemetry: off` in redocly.yaml)", url: "" }];
}

/** Remote fetches in an HTML or SVG document, including its inline styles and scripts. */
export function htmlFindings(html) {
  const findings = [...redocFindings(html)];
  // Script and style bodies are checked by their own rules, then blanked so their text is not
  // mistaken for markup.
  const blanked = html.replace(/(<(script|style)\b[^>]*>)([\s\S]*?)(<\/\2\s*>)/gi, (whole, open, tag, body, close, offset) => {
    const bodyStart = offset + open.length;
    const found = tag.toLowerCase() === "script" ? scriptFindings(body) : cssFindings(body);
    for (const finding of found) findings.push({ ...finding, index: bodyStart + finding.index });
    return open + " ".repeat(body.length) + close;
  });
  for (const match of blanked.matchAll(/<([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g)) {
    const tag = match[1].toLowerCase();
    const attributes = parseAttributes(match[2]);
    const report = (what, url) => {
      if (isRemote(url)) findings.push({ index: match.index, what, url });
    };
    for (const [name, value] of attributes) {
      if (FETCHING_ATTRIBUTES.has(name)) {
        for (const url of name.endsWith("srcset") ? srcsetUrls(value) : [value]) report(`<${tag} ${name}>`, url);
      }
      if (name === "style") for (const finding of cssFindings(value)) report(`${finding.what} in <${tag} style>`, finding.url);
    }
    const rels = (attributes.get("rel") ?? "").toLowerCase().split(/\s+/);
    if (tag === "link" && rels.some((rel) => FETCHING_LINK_RELS.has(rel))) report(`<link rel="${attributes.get("rel")}">`, attributes.get("href") ?? "");
    if (tag === "base") report("<base href> (every relative URL would resolve remotely)", attributes.get("href") ?? "");
    if (FETCHING_HREF_ELEMENTS.has(tag)) {
      report(`<${tag} href>`, attributes.get("href") ?? "");
      report(`<${tag} xlink:href>`, attributes.get("xlink:href") ?? "");
    }
  }
  return findings;
}

const CHECKERS = { ".html": htmlFindings, ".htm": htmlFindings, ".svg": htmlFindings, ".css": cssFindings, ".js": scriptFindings, ".mjs": scriptFindings };

async function* filesUnder(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/**
 * Every remote fetchable reference in the site under `dir`, as `{ file, line, what, url }`,
 * plus how many files were checked. Files that a page does not load (the spec downloads) are
 * not checked: their URLs are data, not fetches.
 */
export async function checkSite(dir = DIST) {
  const problems = [];
  let checked = 0;
  for await (const path of filesUnder(dir)) {
    const checker = CHECKERS[extname(path).toLowerCase()];
    if (!checker) continue;
    checked += 1;
    const text = await readFile(path, "utf8");
    for (const finding of checker(text)) {
      problems.push({ file: relative(dir, path), line: lineOf(text, finding.index), what: finding.what, url: finding.url });
    }
  }
  return { checked, problems };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? DIST);
  const { checked, problems } = await checkSite(dir).catch((error) => {
    console.error(error.code === "ENOENT" ? `No built site in ${dir}. Run \`pnpm build\` first.` : error);
    process.exit(1);
  });
  if (checked === 0) {
    console.error(`No HTML, CSS or script files in ${dir}. Run \`pnpm build\` first.`);
    process.exit(1);
  }
  if (problems.length > 0) {
    console.error(`${problems.length} remote fetchable reference(s) in ${dir}; the site must work with no network:`);
    for (const p of problems) console.error(`  ${p.file}:${p.line}: ${p.what}${p.url ? ` ${p.url}` : ""}`);
    process.exit(1);
  }
  console.log(`Offline check passed: ${checked} files in ${relative(process.cwd(), dir) || "."} fetch nothing from another origin.`);
}
