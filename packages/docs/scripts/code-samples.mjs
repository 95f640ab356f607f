// Generates each operation's code samples (TypeScript with @hss-kit/client, and curl) from the
// spec itself, so a new operation or a changed parameter updates its samples with no hand edits.
// The samples go into a copy of the spec that only the rendered reference uses; the spec offered
// for download stays the pure bundle.

import { readModel } from "@hss-kit/spec";

// How each security scheme of the spec appears in the samples. The TypeScript sample shows the
// token and names the alternatives; curl can only send a token, since AK/SK needs a signature
// computed per request. A scheme missing here fails the build rather than yield a wrong sample.
const AUTH = {
  IamToken: { label: "IAM token", clientCredentials: "{ token: process.env.HSS_TOKEN! }", curlValue: "$HSS_TOKEN" },
  AkSkSignature: {
    label: "AK/SK signing",
    clientCredentials: "{ accessKey: process.env.HUAWEICLOUD_SDK_AK!, secretKey: process.env.HUAWEICLOUD_SDK_SK! }",
  },
};

/** The value a sample shows for a parameter: its example, else its schema's, else a placeholder. */
export function sampleValue(parameter) {
  const schema = parameter.rules ?? parameter.schema ?? {};
  const candidates = [
    parameter.example,
    parameter.examples && Object.values(parameter.examples)[0]?.value,
    schema.example,
    Array.isArray(schema.examples) ? schema.examples[0] : undefined,
    schema.default,
    Array.isArray(schema.enum) ? schema.enum[0] : undefined,
  ];
  const found = candidates.find((value) => value !== undefined);
  return found !== undefined ? found : `<${parameter.name}>`;
}

function serverOf(model) {
  const server = model.servers[0] ?? { url: "", variables: {} };
  const region = server.variables.region?.default;
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name) => {
    const variable = server.variables[name];
    if (variable?.default === undefined) throw new Error(`Server variable ${name} has no default.`);
    return variable.default;
  });
  return { url, region };
}

function authOf(model, operation) {
  const schemes = operation.security.flat();
  for (const name of schemes) {
    if (!AUTH[name]) throw new Error(`No code sample knows how to authenticate with security scheme ${name}.`);
  }
  const token = schemes.find((name) => AUTH[name].curlValue);
  if (!token) throw new Error(`Operation ${operation.id} offers no token scheme for its curl sample.`);
  const header = model.securitySchemes.find((scheme) => scheme.name === token)?.parameterName;
  return { token, header, alternatives: schemes.filter((name) => name !== token) };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function typescriptSample({ operationId, region, auth, params, suppliedHeaders }) {
  const lines = ['import { createHssClient } from "@hss-kit/client";', "", "const hss = createHssClient({"];
  if (region !== undefined) lines.push(`  region: ${JSON.stringify(region)},`);
  lines.push("  // projectId: HUAWEICLOUD_SDK_PROJECT_ID by default");
  lines.push(`  credentials: ${AUTH[auth.token].clientCredentials},`);
  for (const name of auth.alternatives) lines.push(`  // or ${AUTH[name].label}: ${AUTH[name].clientCredentials}`);
  lines.push("});", "");
  for (const name of suppliedHeaders) lines.push(`// The required ${name} header comes from the client's ${name} option.`);
  if (params.length === 0) {
    lines.push(`const { total_num, data_list } = await hss.${operationId}();`);
  } else {
    lines.push(`const { total_num, data_list } = await hss.${operationId}({`);
    for (const { name, value } of params) {
      lines.push(`  ${IDENTIFIER.test(name) ? name : JSON.stringify(name)}: ${JSON.stringify(value)},`);
    }
    lines.push("});");
  }
  return lines.join("\n") + "\n";
}

// Escapes text for a double-quoted shell string; `$` stays live only where a sample means it.
const shellQuoted = (text) => text.replace(/["\\`$]/g, (c) => `\\${c}`);

function curlSample({ url, headers }) {
  const lines = [`curl -sS "${url}"`];
  for (const [name, value] of headers) lines.push(`  -H "${name}: ${value}"`);
  return lines.join(" \\\n") + "\n";
}

/** The samples of one operation of the spec model. */
export function codeSamplesFor(model, operation) {
  // A body would need its own sample shape; every HSS operation here is a GET.
  if (operation.method !== "GET") throw new Error(`Only GET samples are generated; ${operation.id} is ${operation.method}.`);
  const required = operation.parameters.filter((p) => p.required);
  const server = serverOf(model);
  const auth = authOf(model, operation);

  // The client fills these from its options, so samples never pass them per call.
  const clientSupplied = (p) => p.config !== undefined;
  const clientParams = required.filter((p) => !clientSupplied(p)).map((p) => ({ name: p.name, value: sampleValue(p) }));
  const suppliedHeaders = required.filter((p) => p.in === "header" && clientSupplied(p)).map((p) => p.name);

  let urlPath = shellQuoted(operation.path);
  const query = [];
  const headers = [[auth.header, AUTH[auth.token].curlValue]];
  for (const parameter of required) {
    const value = String(sampleValue(parameter));
    if (parameter.in === "path") {
      const shown = parameter.config === "projectId" ? "$HUAWEICLOUD_SDK_PROJECT_ID" : shellQuoted(encodeURIComponent(value));
      urlPath = urlPath.replace(`{${parameter.name}}`, shown);
    } else if (parameter.in === "query") {
      query.push(`${encodeURIComponent(parameter.name)}=${encodeURIComponent(value)}`);
    } else if (parameter.in === "header") {
      headers.push([parameter.name, shellQuoted(value)]);
    }
  }
  const url = `${shellQuoted(server.url)}${urlPath}${query.length ? `?${shellQuoted(query.join("&"))}` : ""}`;

  return [
    {
      lang: "TypeScript",
      label: "TypeScript",
      source: typescriptSample({
        operationId: operation.id,
        region: server.region,
        auth,
        params: clientParams,
        suppliedHeaders,
      }),
    },
    { lang: "Shell", label: "curl", source: curlSample({ url, headers }) },
  ];
}

/** A deep copy of the spec in which every operation carries its generated `x-codeSamples`. */
export function withCodeSamples(spec) {
  const model = readModel(spec);
  const copy = structuredClone(spec);
  for (const operation of model.operations) {
    const target = copy.paths[operation.path][operation.method.toLowerCase()];
    if (!target.operationId) throw new Error(`${operation.method} ${operation.path} has no operationId to name its client method.`);
    target["x-codeSamples"] = codeSamplesFor(model, operation);
  }
  return copy;
}
