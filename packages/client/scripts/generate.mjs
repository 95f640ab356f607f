// Generates src/generated/* from the bundled spec (@hss-kit/spec/openapi.json).
//   node scripts/generate.mjs                 write the files
//   node scripts/generate.mjs --check         exit 1 if a committed file differs from what the spec gives
//   node scripts/generate.mjs --spec FILE ... read another bundled spec (the drift test uses it)
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(packageRoot, "src", "generated");
const HEADER =
  "// GENERATED FILE: do not edit. Made by packages/client/scripts/generate.mjs from spec/; run `pnpm generate`.\n";

/** The schema keywords the client needs to check parameters and size pages. */
const RULE_KEYWORDS = ["type", "format", "enum", "minimum", "maximum", "minLength", "maxLength", "default"];

/**
 * Keywords that do not constrain a value. Any other keyword on a parameter schema stops the
 * generator: the client's validator would silently ignore it, letting invalid requests through.
 */
const ANNOTATION_KEYWORDS = new Set(["title", "description", "example", "examples", "deprecated"]);

/** The parameter that carries auth is never part of the per-call parameters. */
const AUTH_HEADERS = new Set(["x-auth-token", "authorization"]);

export async function loadBundledSpec(specPath = createRequire(import.meta.url).resolve("@hss-kit/spec/openapi.json")) {
  return JSON.parse(await readFile(specPath, "utf8"));
}

function resolveRef(spec, node) {
  if (!node || typeof node.$ref !== "string") return node;
  const target = node.$ref
    .replace(/^#\//, "")
    .split("/")
    .reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  if (target === undefined) throw new Error(`Unresolvable $ref ${node.$ref} in the bundled spec`);
  return resolveRef(spec, target);
}

function pickRules(schema, where) {
  for (const keyword of Object.keys(schema)) {
    if (!RULE_KEYWORDS.includes(keyword) && !ANNOTATION_KEYWORDS.has(keyword) && !keyword.startsWith("x-")) {
      throw new Error(`${where} uses the schema keyword "${keyword}", which the client's validator does not check.`);
    }
  }
  const rules = {};
  for (const keyword of RULE_KEYWORDS) if (schema[keyword] !== undefined) rules[keyword] = schema[keyword];
  return rules;
}

/**
 * Whether an operation pages by offset and limit and answers `{ total_num, data_list[] }`: the
 * shape the client's paginator walks.
 */
function isPaginated(spec, operation, parameters) {
  const query = new Set(parameters.filter((p) => p.in === "query").map((p) => p.name));
  const body = resolveRef(spec, resolveRef(spec, operation.responses?.["200"])?.content?.["application/json"]?.schema);
  const properties = body?.properties ?? {};
  return (
    query.has("offset") &&
    query.has("limit") &&
    resolveRef(spec, properties.total_num)?.type === "integer" &&
    resolveRef(spec, properties.data_list)?.type === "array"
  );
}

/**
 * The shape of an operation's 200 JSON body: its type and the types of its required properties,
 * which the client checks before it hands a body to the caller.
 */
function describeResponse(spec, operation) {
  const body = resolveRef(spec, resolveRef(spec, operation.responses?.["200"])?.content?.["application/json"]?.schema);
  if (!body?.type) return undefined;
  const required = {};
  for (const name of body.required ?? []) {
    const type = resolveRef(spec, body.properties?.[name])?.type;
    if (typeof type !== "string") throw new Error(`The 200 body of ${operation.operationId} requires ${name} without a single type.`);
    required[name] = type;
  }
  return { type: body.type, required };
}

/** Describes every operation: where it lives, its parameters and their rules. */
export function describeOperations(spec) {
  const operations = {};
  for (const [path, pathItem] of Object.entries(spec.paths)) {
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      const operation = pathItem[method];
      if (!operation) continue;
      const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]
        .map((parameter) => resolveRef(spec, parameter))
        .filter((parameter) => !(parameter.in === "header" && AUTH_HEADERS.has(parameter.name.toLowerCase())))
        .map((parameter) => ({
          name: parameter.name,
          in: parameter.in,
          required: parameter.required === true,
          schema: pickRules(
            resolveRef(spec, parameter.schema) ?? {},
            `Parameter ${parameter.name} of ${operation.operationId}`,
          ),
        }));
      operations[operation.operationId] = {
        method,
        path,
        paginated: isPaginated(spec, operation, parameters),
        parameters,
        response: describeResponse(spec, operation),
      };
    }
  }
  return operations;
}

// A JSDoc block from spec text; a star-slash inside it would end the comment early, so it is escaped.
function jsDoc(text, indent) {
  const lines = text.replace(/\*\//g, "*\\/").trimEnd().split("\n");
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")}\n${indent} */\n`;
}

/** The client's methods, one per operation, documented with the spec's summary and description. */
function renderMethods(spec) {
  const members = [];
  for (const pathItem of Object.values(spec.paths)) {
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      const operation = pathItem[method];
      if (!operation) continue;
      const text = [operation.summary, operation.description].filter(Boolean).join("\n\n");
      members.push(`${jsDoc(text, "  ")}  readonly ${operation.operationId}: OperationMethod<"${operation.operationId}">;\n`);
    }
  }
  return (
    "/** One method per operation: its flat parameters in, its typed 200 body out. */\n" +
    `export interface OperationMethods {\n${members.join("")}}\n`
  );
}

function renderOperations(spec) {
  const operations = describeOperations(spec);
  return (
    HEADER +
    'import type { OperationDescriptor } from "../operation-descriptor.js";\n' +
    'import type { OperationMethod } from "../types.js";\n\n' +
    "/** Every operation of the HSS spec: its method, path and parameters with their schema rules. */\n" +
    `export const operations = ${JSON.stringify(operations, null, 2)} as const satisfies Record<string, OperationDescriptor>;\n\n` +
    "/** The operationIds of the HSS spec. */\n" +
    "export type OperationId = keyof typeof operations;\n\n" +
    renderMethods(spec)
  );
}

/**
 * The regions of the spec's servers: the values of the `{region}` variable of the server URL
 * template, and the servers whose host names their region outright (eu-west-101 has a domain of
 * its own). Kept in the spec's shape rather than one URL per region, because it ships in the client.
 */
export function describeRegions(spec) {
  const regions = { template: undefined, templated: [], fixed: {} };
  for (const server of spec.servers ?? []) {
    const values = server.variables?.region?.enum;
    if (values) {
      if (regions.template) throw new Error(`Two servers have a region variable: ${regions.template}, ${server.url}`);
      regions.template = server.url;
      regions.templated = values;
      continue;
    }
    const region = new URL(server.url).hostname.match(/^hss\.([a-z0-9-]+)\./)?.[1];
    if (!region) throw new Error(`Server ${server.url} names no region: expected https://hss.<region>.<domain>`);
    regions.fixed[region] = server.url;
  }
  if (!regions.template) throw new Error("No server has a region variable: expected https://hss.{region}.<domain>");
  return regions;
}

function renderRegions(spec) {
  const { template, templated, fixed } = describeRegions(spec);
  return (
    HEADER +
    "/** The URL of the spec's regional server; `{region}` stands for one of {@link templatedRegions}. */\n" +
    `export const endpointTemplate = ${JSON.stringify(template)};\n\n` +
    "/** The regions whose endpoint is {@link endpointTemplate}. */\n" +
    `export const templatedRegions = ${JSON.stringify(templated)} as const;\n\n` +
    "/** The regions whose endpoint is a server of its own in the spec. */\n" +
    `export const fixedEndpoints = ${JSON.stringify(fixed)} as const;\n`
  );
}

async function renderSchemaTypes(spec) {
  const ast = await openapiTS(spec, { alphabetize: false, immutable: false });
  return HEADER + astToString(ast);
}

/** Renders every generated file: a map from path (relative to the package) to content. */
export async function render(spec) {
  return new Map([
    [join("src", "generated", "schema.ts"), await renderSchemaTypes(spec)],
    [join("src", "generated", "operations.ts"), renderOperations(spec)],
    [join("src", "generated", "regions.ts"), renderRegions(spec)],
  ]);
}

async function main() {
  const check = process.argv.includes("--check");
  const specAt = process.argv.indexOf("--spec");
  const files = await render(await loadBundledSpec(specAt === -1 ? undefined : process.argv[specAt + 1]));
  await mkdir(outDir, { recursive: true });
  const drifted = [];
  for (const [file, content] of files) {
    const target = join(packageRoot, file);
    if (check) {
      const current = await readFile(target, "utf8").catch(() => null);
      if (current !== content) drifted.push(relative(packageRoot, target));
    } else {
      await writeFile(target, content);
    }
  }
  if (drifted.length > 0) {
    console.error(
      `Generated files drifted from the spec: ${drifted.join(", ")}. Run \`pnpm generate\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(check ? "Generated files match the spec." : `Wrote ${[...files.keys()].join(", ")}.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
