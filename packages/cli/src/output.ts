// Renders rows as json, ndjson, csv or a table. ndjson and csv are written as pages arrive, so a
// walk of every page holds one page in memory; json and table need every row first.

/** The output formats of `--output`. */
export const OUTPUT_FORMATS = ["json", "ndjson", "csv", "table"] as const;

/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Writes text, waiting when the stream asks to (a slow pipe must not grow memory without bound). */
export type Write = (text: string) => Promise<void>;

type Row = Readonly<Record<string, unknown>>;

/** Keeps only the columns asked for, in that order. */
export function pick(row: unknown, columns: readonly string[] | undefined): unknown {
  if (columns === undefined || typeof row !== "object" || row === null || Array.isArray(row)) return row;
  return Object.fromEntries(columns.map((column) => [column, (row as Row)[column]]));
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function csvCell(value: unknown): string {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A table cell: control characters are shown escaped, since a record from the server could
 * otherwise move the cursor or retitle the terminal (ANSI escapes), and long values are cut.
 */
function tableCell(value: unknown, width: number): string {
  // eslint-disable-next-line no-control-regex
  const text = cellText(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === "\n" ? "\\n" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
  const chars = [...text];
  return chars.length > width ? `${chars.slice(0, width - 1).join("")}…` : text;
}

/** East Asian wide characters take two terminal columns. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/** Widest a table column gets; longer values end in "…" (use csv or json for every character). */
const MAX_COLUMN_WIDTH = 60;

/** A renderer: `rows` for each page, then `end` with the count HSS gave (undefined for a body that is not a list). */
export interface Renderer {
  rows(rows: readonly unknown[]): Promise<void>;
  end(totalNum: number | undefined, body: unknown): Promise<void>;
}

/**
 * A renderer for one format. `columns` are the fields to show: those of `--fields` (then
 * `fieldsPicked`), or else every field the spec gives an item.
 */
export function createRenderer(format: OutputFormat, columns: readonly string[], fieldsPicked: boolean, write: Write): Renderer {
  const kept: unknown[] = [];
  let headerWritten = false;
  const visible = (row: unknown) => pick(row, fieldsPicked ? columns : undefined);
  switch (format) {
    case "ndjson":
      return {
        rows: async (rows) => {
          if (rows.length > 0) await write(rows.map((row) => `${JSON.stringify(visible(row))}\n`).join(""));
        },
        end: async () => undefined,
      };
    case "csv":
      return {
        rows: async (rows) => {
          const lines = rows.map((row) => `${columns.map((column) => csvCell((row as Row)[column])).join(",")}\n`);
          if (!headerWritten) lines.unshift(`${columns.map(csvCell).join(",")}\n`);
          headerWritten = true;
          await write(lines.join(""));
        },
        end: async () => {
          if (!headerWritten) await write(`${columns.map(csvCell).join(",")}\n`);
        },
      };
    case "table":
      return {
        rows: async (rows) => void kept.push(...rows),
        end: async () => {
          const cells = [columns.map((column) => tableCell(column, MAX_COLUMN_WIDTH)), ...kept.map((row) => columns.map((column) => tableCell((row as Row)[column], MAX_COLUMN_WIDTH)))];
          const widths = columns.map((_, index) => Math.max(...cells.map((line) => displayWidth(line[index]!))));
          await write(cells.map((line) => `${line.map((cell, index) => cell + " ".repeat(widths[index]! - displayWidth(cell))).join("  ").trimEnd()}\n`).join(""));
        },
      };
    case "json":
      return {
        rows: async (rows) => void kept.push(...rows),
        end: async (totalNum, body) => {
          const shown = totalNum === undefined ? body : { total_num: totalNum, data_list: kept.map(visible) };
          await write(`${JSON.stringify(shown, null, 2)}\n`);
        },
      };
  }
}
