// The pages around the Redoc reference: one shared nav, and the getting-started guides, each an
// HTML fragment in site/ wrapped in site/layout.html. Plain string templates: the pages are
// static and small, and every link in them is relative so the site works under any base path
// (GitHub Pages serves it from /<repo>/).
import { commandsOf, EXIT_CODES, UNEXPECTED_EXIT_CODE } from "@hss-kit/cli";
import { DEFAULT_CAPS, toolsOf } from "@hss-kit/mcp";
import { readModel } from "@hss-kit/spec";

/** The site's pages and downloads, in nav order. */
export const NAV = [
  { href: "index.html", label: "API reference" },
  { href: "client.html", label: "Client guide" },
  { href: "cli.html", label: "Command line" },
  { href: "mcp.html", label: "MCP server" },
  { href: "contract.html", label: "Contract CLI" },
  { href: "try.html", label: "Try it" },
];
export const DOWNLOADS = [
  { href: "openapi.json", label: "openapi.json" },
  { href: "openapi.yaml", label: "openapi.yaml" },
];

/** The guide pages built from site/<name>.html. */
export const GUIDES = [
  { file: "client.html", title: "Getting started with @hss-kit/client" },
  { file: "cli.html", title: "The hss command line" },
  { file: "mcp.html", title: "The MCP server for agents" },
  { file: "contract.html", title: "Getting started with the contract CLI" },
  { file: "try.html", title: "Try it: send a request" },
];

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/**
 * The shared nav, with the current page marked for screen readers and styling, after a link
 * that skips it (to the guide's main, or to Redoc's content on the reference).
 */
export function navHtml(current) {
  const skipTo = current === "index.html" ? "#api-content" : "#content";
  const pages = NAV.map(({ href, label }) =>
    `<a href="${href}"${href === current ? ' aria-current="page"' : ""}>${escapeHtml(label)}</a>`,
  ).join("\n      ");
  const downloads = DOWNLOADS.map(({ href, label }) => `<a href="${href}" download>${escapeHtml(label)}</a>`).join("\n        ");
  return `<a class="skip-link" href="${skipTo}">Skip to content</a>
  <header class="site-header">
    <nav class="site-nav" aria-label="hss-kit docs">
      <span class="site-brand">hss-kit <small>HSS v5</small></span>
      ${pages}
      <span class="site-downloads">Spec:
        ${downloads}
      </span>
    </nav>
  </header>`;
}

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

/** Where Redoc shows an operation: its hash route, `#/<tag slug>/<operationid>`. */
export function referenceHref(operation) {
  return `index.html#/${slug(operation.tags[0] ?? "")}/${operation.id.toLowerCase()}`;
}

/** A table of every operation of the spec, linked to the reference, for the client guide. */
export function operationsTable(spec) {
  const rows = [];
  for (const operation of readModel(spec).operations) {
    // The client fills the parameters with x-hss-config from its options: a call never passes them.
    const required = operation.parameters
      .filter((p) => p.required && p.config === undefined)
      .map((p) => `<code>${escapeHtml(p.name)}</code>`);
    rows.push(`      <tr>
        <td><a href="${referenceHref(operation)}"><code>hss.${escapeHtml(operation.id)}</code></a></td>
        <td><code>${operation.method} ${escapeHtml(operation.path)}</code></td>
        <td>${required.join(", ") || "none"}</td>
        <td>${escapeHtml(operation.summary)}</td>
      </tr>`);
  }
  return `<table class="operations">
    <thead><tr><th>Method</th><th>Request</th><th>Required</th><th>What it lists</th></tr></thead>
    <tbody>
${rows.join("\n")}
    </tbody>
  </table>`;
}

/** A table of the `hss` subcommands, one per operation, linked to the reference, for the CLI guide. */
export function cliCommandsTable(spec) {
  const rows = commandsOf(readModel(spec)).map((command) => {
    const required = command.flags.filter(({ parameter }) => parameter.required).map(({ flag }) => `<code>--${escapeHtml(flag)}</code>`);
    return `      <tr>
        <td><code>hss ${escapeHtml(command.name)}</code></td>
        <td><a href="${referenceHref(command.operation)}"><code>${escapeHtml(command.operation.id)}</code></a></td>
        <td>${required.join(", ") || "none"}</td>
        <td>${escapeHtml(command.operation.summary)}</td>
      </tr>`;
  });
  return `<table class="operations">
    <thead><tr><th>Subcommand</th><th>Operation</th><th>Required</th><th>What it lists</th></tr></thead>
    <tbody>
${rows.join("\n")}
    </tbody>
  </table>`;
}

/** The exit codes of `hss`, from its own table. */
export function cliExitCodesTable() {
  const rows = [[0, "success"], [UNEXPECTED_EXIT_CODE, "an unexpected error (a bug in hss)"], ...EXIT_CODES.map(({ code, meaning }) => [code, meaning])];
  return `<table>
    <thead><tr><th>Code</th><th>Meaning</th></tr></thead>
    <tbody>
${rows.map(([code, meaning]) => `      <tr><td><code>${code}</code></td><td>${escapeHtml(meaning)}</td></tr>`).join("\n")}
    </tbody>
  </table>`;
}

/** A table of the MCP server's tools, one per read operation, linked to the reference. */
export function mcpToolsTable(spec) {
  const rows = toolsOf(readModel(spec), DEFAULT_CAPS).map((tool) => `      <tr>
        <td><a href="${referenceHref(tool.operation)}"><code>${escapeHtml(tool.name)}</code></a></td>
        <td>${Object.keys(tool.inputSchema.properties).map((name) => `<code>${escapeHtml(name)}</code>`).join(", ")}</td>
        <td>${escapeHtml(tool.title)}</td>
      </tr>`);
  return `<table class="operations">
    <thead><tr><th>Tool</th><th>Arguments</th><th>What it lists</th></tr></thead>
    <tbody>
${rows.join("\n")}
    </tbody>
  </table>`;
}

/**
 * What the try-it console shows besides the client's own descriptors: each operation's summary
 * and its parameters' descriptions, from the spec, as JSON safe inside a script element.
 */
export function tryDocs(spec) {
  const operations = {};
  for (const operation of readModel(spec).operations) {
    operations[operation.id] = {
      summary: operation.summary,
      parameters: Object.fromEntries(operation.parameters.map((p) => [p.name, p.description ?? ""])),
    };
  }
  return JSON.stringify({ operations }).replace(/</g, "\\u003c");
}

/** Fills a template's `{{name}}` slots; an unknown or unfilled slot is a bug in the build. */
export function fill(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name) => {
    if (!(name in values)) throw new Error(`Template slot {{${name}}} has no value.`);
    return values[name];
  });
}

/**
 * A guide's HTML made readable on any screen and by keyboard: each table in a region that scrolls
 * sideways on its own (so a wide table never widens the page), and each scrollable block
 * (tables, code) focusable, so it can be scrolled without a mouse.
 */
export function forReaders(html) {
  return html
    .replace(/<pre>/g, '<pre tabindex="0">')
    .replace(/<table[\s\S]*?<\/table>/g, (table) => `<div class="table-scroll" role="region" aria-label="Table, scrolls sideways" tabindex="0">${table}</div>`);
}

