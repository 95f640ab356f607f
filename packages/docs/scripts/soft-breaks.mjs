// Redoc's search index drops the line breaks of a description instead of reading them as spaces
// ("Filter\nby" is indexed, and shown as a snippet, as "Filterby"). In Markdown a line break
// inside a paragraph is a space, so the docs' copy of the spec joins those lines: the page
// renders the same, and search finds and shows whole words. Fenced code, headings, list items,
// table rows and blank lines keep their line breaks.

/** A line that must start a line of its own. */
const STARTS_BLOCK = /^\s*(?:[-*+] |\d+[.)] |#|\||>|```)/;

/** `markdown` with each soft line break inside a paragraph made a space. */
export function joinSoftBreaks(markdown) {
  const lines = markdown.split("\n");
  const out = [];
  let fenced = false;
  for (const line of lines) {
    const previous = out.length ? out[out.length - 1] : undefined;
    const joinable =
      !fenced &&
      previous !== undefined &&
      previous.trim() !== "" &&
      line.trim() !== "" &&
      !STARTS_BLOCK.test(line) &&
      !/^\s*(?:#|\||```)/.test(previous) &&
      !previous.endsWith("  ");
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (joinable) out[out.length - 1] = `${previous.replace(/\s+$/, "")} ${line.trim()}`;
    else out.push(line);
  }
  return out.join("\n");
}

/** A copy of an OpenAPI document with every `description` passed through {@link joinSoftBreaks}. */
export function withSoftBreaksJoined(node) {
  if (Array.isArray(node)) return node.map(withSoftBreaksJoined);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, key === "description" && typeof value === "string" ? joinSoftBreaks(value) : withSoftBreaksJoined(value)]),
  );
}
