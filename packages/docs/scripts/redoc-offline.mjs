// `redocly build-docs --inlineBundle` inlines Redoc's JavaScript, but the bundle still names a few
// remote assets that it fetches at run time, and no Redoc option turns them off. Each is replaced
// by a local equivalent. A replacement that no longer matches exactly once fails the build, so a
// Redoc upgrade that moves or adds one is noticed here (and by `pnpm lint`), not by a reader
// whose browser suddenly calls a CDN.

// The "API docs by Redocly" footer logo, which Redoc loads from its CDN after hydration. The
// attribution stays, drawn as text in an inline SVG, so it costs no request at all.
const wordmark = (text, width) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12.5" textLength="${width}" lengthAdjust="spacingAndGlyphs" font-family="system-ui, sans-serif" ` +
      `font-size="13" font-weight="600" fill="#0044d4">${text}</text></svg>`,
  )}`;

export const REDOC_REPLACEMENTS = [
  {
    what: "Redocly footer logo",
    from: "https://cdn.redoc.ly/redoc/logo-mini-full.svg",
    to: wordmark("Redocly", 52),
  },
  {
    what: "Redocly footer logo (collapsed sidebar)",
    from: "https://cdn.redoc.ly/redoc/logo-mini.svg",
    to: wordmark("R", 9),
  },
  // Bases of the icon packs that Redoc draws as CSS masks from its CDN. This spec renders none
  // of them; should one ever render, the browser asks this site (a 404) instead of the CDN.
  {
    what: "Redocly CDN icon pack (font-awesome)",
    from: "https://cdn.redocly.com/icons/fa/7.0.0",
    to: "redoc-icons/fa",
  },
  {
    what: "Redocly CDN icon pack (code)",
    from: "https://cdn.redocly.com/icons/code/5.24.0",
    to: "redoc-icons/code",
  },
];

/** The Redoc page with every known remote asset replaced by a local one. */
export function localizeRedoc(html, replacements = REDOC_REPLACEMENTS) {
  let result = html;
  for (const { what, from, to } of replacements) {
    const count = result.split(from).length - 1;
    if (count !== 1) {
      throw new Error(
        `Expected the ${what} URL ${from} exactly once in the Redoc page, found it ${count} times. ` +
          "Redoc has changed: find what it fetches now (pnpm lint lists remote references) and update scripts/redoc-offline.mjs.",
      );
    }
    result = result.replace(from, () => to);
  }
  return result;
}
