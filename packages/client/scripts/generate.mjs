// Generates src/generated/* from the bundled spec (@hss-kit/spec/openapi.json).
//   node scripts/generate.mjs                 write the files
//   node scripts/generate.mjs --spec FILE     read another bundled spec
import { writeFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isObject, loadModel, resolveRef } from "@hss-kit/spec";
import openapiTS, { astToString } from "openapi-typescript";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(packageRoot, "src", "generated");
const HEADER =
  "// GENERATED FILE: do not edit. Made by packages/client/scripts/generate.mjs from spec/; run `pnpm generate`.\n";

/**
 * The shape of an operation's 200 JSON body: its type and the types of its required properties,
 * which the client checks before it hands a body to the caller.
 */
function describeResponse(operation) {
  const body = operation.responses.find((response) => response.status === "200")?.resolvedSchema;
  if (!body?.type) return undefined;
  const required = {};
  for (const name of body.required ?? []) {
    const type = body.properties?.[name]?.type;
    if (typeof type !== "string") throw new Error(`The 200 body of ${operation.id} requires ${name} without a single type.`);
    required[name] = type;
  }
  return { type: body.type, required };
}

/** Describes every operation of the model: where it lives, its parameters and their rules. */
export function describeOperations(model) {
  const operations = {};
  for (const operation of model.operations) {
    operations[operation.id] = {
      method: operation.method.toLowerCase(),
      path: operation.path,
      paginated: operation.paginated,
      parameters: operation.parameters.map((parameter) => ({
        name: parameter.name,
        in: parameter.in,
        required: parameter.required,
        schema: parameter.rules,
        ...(parameter.config ? { config: parameter.config } : {}),
      })),
      response: describeResponse(operation),
    };
  }
  return operations;
}

// A JSDoc block from spec text; a star-slash inside it would end the comment early, so it is escaped.
function jsDoc(text, indent) {
  const lines = text.replace(/\*\//g, "*\\/").trimEnd().split("\n");
  return `${indent}/**\n${lines.map((line) => `${indent} *${line ? ` ${line}` : ""}`).join("\n")}\n${indent} */\n`;
}

/** The client's methods, one per operation, documented with the spec's summary and description. */
function renderMethods(model) {
  const members = [];
  for (const operation of model.operations) {
    const text = [operation.summary, operation.description].filter(Boolean).join("\n\n");
    members.push(`${jsDoc(text, "  ")}  readonly ${operation.id}: OperationMethod<"${operation.id}">;\n`);
  }
  return (
    "/** One method per operation: its flat parameters in, its typed 200 body out. */\n" +
    `export interface OperationMethods {\n${members.join("")}}\n`
  );
}

function renderOperations(model) {
  const operations = describeOperations(model);
  return (
    HEADER +
    'import type { OperationDescriptor } from "../operation-descriptor.js";\n' +
    'import type { OperationMethod } from "../types.js";\n\n' +
    "/** Every operation of the HSS spec: its method, path and parameters with their schema rules. */\n" +
    `export const operations = ${JSON.stringify(operations, null, 2)} as const satisfies Record<string, OperationDescriptor>;\n\n` +
    "/** The operationIds of the HSS spec. */\n" +
    "export type OperationId = keyof typeof operations;\n\n" +
    renderMethods(model)
  );
}

/**
 * The regions of the spec's servers: the values of the `{region}` variable of the server URL
 * template, and the servers whose host names their region outright (eu-west-101 has a domain of
 * its own). Kept in the spec's shape rather than one URL per region, because it ships in the client.
 */
export function describeRegions(model) {
  const regions = { template: undefined, templated: [], fixed: {} };
  for (const server of model.servers) {
    const values = server.variables.region?.enum;
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

function renderRegions(model) {
  const { template, templated, fixed } = describeRegions(model);
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

/**
 * The short name of each operation's item type: the spec's name for the schema of a `data_list`
 * item (Huawei's SDK model name, such as `PortResponseInfo`) without its `ResponseInfo` or `Info`
 * suffix, so `Port`. Operations whose items have no named schema get none.
 */
export function describeItemNames(model) {
  const names = {};
  for (const operation of model.operations) {
    const body = operation.responses.find((response) => response.status === "200")?.schema;
    const list = isObject(body) ? resolveRef(model.document, body).properties?.data_list : undefined;
    const ref = isObject(list) && isObject(list.items) ? list.items.$ref : undefined;
    if (typeof ref !== "string") continue;
    const schema = ref.slice(ref.lastIndexOf("/") + 1);
    const name = schema.replace(/(Response)?Info$/, "");
    const taken = Object.entries(names).find(([, other]) => other.name === name);
    if (taken) throw new Error(`The items of ${taken[0]} and ${operation.id} would both be named ${name}; rename one of their schemas.`);
    names[operation.id] = { name, schema };
  }
  return names;
}

function renderItems(model) {
  const aliases = Object.entries(describeItemNames(model)).map(
    ([id, { name, schema }]) => `/** One item of the \`data_list\` of \`${id}\` (the spec's \`${schema}\`). */\nexport type ${name} = OperationItem<"${id}">;\n`,
  );
  return HEADER + 'import type { OperationItem } from "../types.js";\n\n' + aliases.join("\n");
}

async function renderSchemaTypes(model) {
  const ast = await openapiTS(structuredClone(model.document), { alphabetize: false, immutable: false });
  return HEADER + astToString(ast);
}

/** Renders every generated file: a map from path (relative to the package) to content. */
export async function render(model) {
  return new Map([
    [join("src", "generated", "schema.ts"), await renderSchemaTypes(model)],
    [join("src", "generated", "operations.ts"), renderOperations(model)],
    [join("src", "generated", "regions.ts"), renderRegions(model)],
    [join("src", "generated", "items.ts"), renderItems(model)],
  ]);
}

async function main() {
  const specAt = process.argv.indexOf("--spec");
  const files = await render(loadModel(specAt === -1 ? undefined : process.argv[specAt + 1]));
  await mkdir(outDir, { recursive: true });
  for (const [file, content] of files) await writeFile(join(packageRoot, file), content);
  console.log(`Wrote ${[...files.keys()].join(", ")}.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
