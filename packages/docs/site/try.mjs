// The try-it console: a form for each operation, built from the client's own operation
// descriptors (parameters, types, enums, defaults) and the spec's descriptions, that sends the
// request with @hss-kit/client's browser build to the base URL the reader typed. It shows the
// request as curl (no token or signature in it), the response, and the client's own message for a
// value it refuses before sending. Nothing is sent anywhere but that base URL.
import { HssApiError, HssError, HssValidationError, createHssClient, operations } from "@hss-kit/client";

const docs = JSON.parse(document.getElementById("try-docs").textContent);
const form = document.getElementById("try-form");
const field = (name) => form.elements.namedItem(name);
const parametersBox = document.getElementById("try-parameters");
const out = {
  curl: document.getElementById("try-curl"),
  status: document.getElementById("try-status"),
  body: document.getElementById("try-body"),
};

/** A value safe inside single quotes in a POSIX shell. */
const shellQuote = (text) => `'${String(text).replace(/'/g, `'\\''`)}'`;

/** The request as a curl line: a token becomes $HSS_TOKEN, a signature is left out. */
function curlOf(request) {
  const lines = [`curl -sS ${shellQuote(request.url)}`];
  request.headers.forEach((value, name) => {
    if (name === "x-auth-token") lines.push(`-H "X-Auth-Token: $HSS_TOKEN"`);
    else if (name === "authorization") lines.push(shellQuote(`-H`) + " " + shellQuote(`Authorization: ${value.replace(/Signature=[0-9a-f]+/, "Signature=<redacted: re-sign to send again>")}`));
    else if (name === "x-security-token") lines.push(`-H "X-Security-Token: $HUAWEICLOUD_SDK_SECURITY_TOKEN"`);
    else lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  });
  return lines.join(" \\\n  ");
}

function renderParameters() {
  const id = field("operation").value;
  const operation = operations[id];
  const described = docs.operations[id];
  document.getElementById("try-summary").textContent = `${operation.method.toUpperCase()} ${operation.path}: ${described.summary}`;
  parametersBox.replaceChildren();
  for (const parameter of operation.parameters) {
    // project_id and region come from the client's options, as in every call.
    if (parameter.config) continue;
    const { schema } = parameter;
    const row = document.createElement("div");
    row.className = "try-row";
    const label = document.createElement("label");
    const inputId = `try-param-${parameter.name}`;
    label.htmlFor = inputId;
    label.textContent = `${parameter.name}${parameter.required ? " (required)" : ""}`;
    let input;
    if (schema.enum || schema.type === "boolean") {
      input = document.createElement("select");
      const values = schema.enum ?? [true, false];
      for (const value of ["", ...values]) {
        const option = document.createElement("option");
        option.value = String(value);
        option.textContent = value === "" ? "(not sent)" : String(value);
        input.append(option);
      }
    } else {
      input = document.createElement("input");
      input.type = "text";
      if (schema.type === "integer") input.inputMode = "numeric";
      if (schema.default !== undefined) input.placeholder = `default ${schema.default}`;
    }
    input.id = inputId;
    input.name = `param:${parameter.name}`;
    input.dataset.type = schema.type ?? "string";
    const help = document.createElement("small");
    help.id = `${inputId}-help`;
    // The spec's Markdown code spans as code; everything else as plain text.
    (described.parameters[parameter.name] ?? "").split("`").forEach((part, i) => {
      if (i % 2 === 0) help.append(part);
      else help.append(Object.assign(document.createElement("code"), { textContent: part }));
    });
    input.setAttribute("aria-describedby", help.id);
    row.append(label, input, help);
    parametersBox.append(row);
  }
}

/** The parameters as typed: an integer that parses is sent as a number, anything else as typed, so the client judges it. */
function parametersFromForm() {
  const params = {};
  for (const input of parametersBox.querySelectorAll("[name^='param:']")) {
    const raw = input.value;
    if (raw === "") continue;
    const name = input.name.slice("param:".length);
    if (input.dataset.type === "integer" && /^-?\d+$/.test(raw.trim())) params[name] = Number(raw);
    else if (input.dataset.type === "boolean") params[name] = raw === "true";
    else params[name] = raw;
  }
  return params;
}

function credentialsFromForm() {
  if (field("auth").value === "accessKey") {
    const securityToken = field("securityToken").value;
    return { accessKey: field("accessKey").value, secretKey: field("secretKey").value, ...(securityToken ? { securityToken } : {}) };
  }
  return { token: field("token").value };
}

async function send(event) {
  event.preventDefault();
  out.curl.textContent = "";
  out.status.textContent = "Sending…";
  out.body.textContent = "";
  form.dataset.state = "sending";
  let sent;
  try {
    const hss = createHssClient({
      baseUrl: field("baseUrl").value.trim(),
      projectId: field("projectId").value.trim(),
      region: field("region").value.trim(),
      credentials: credentialsFromForm(),
      maxRetries: 0,
      timeout: 15_000,
      // Records what goes out, for the curl line, then sends it to the base URL as it is.
      fetch: async (request) => {
        sent = request;
        out.curl.textContent = curlOf(request);
        return fetch(request);
      },
    });
    const { data, response } = await hss[field("operation").value].withResponse(parametersFromForm());
    out.status.textContent = `${response.status} · X-Request-Id ${response.requestId ?? "none"}`;
    out.body.textContent = JSON.stringify(data, null, 2);
    form.dataset.state = "ok";
  } catch (error) {
    form.dataset.state = error instanceof HssValidationError ? "invalid" : "error";
    if (error instanceof HssValidationError) out.status.textContent = "Not sent: the client refused a value before sending.";
    else if (error instanceof HssApiError) out.status.textContent = `${error.status} ${error.errorCode ?? ""}`.trim();
    else if (error instanceof HssError) out.status.textContent = `No answer (${error.name})${sent ? "" : ", nothing sent"}. Is the server running at that base URL, and does it allow this page's origin (CORS)?`;
    else out.status.textContent = "Failed.";
    out.body.textContent = error instanceof HssApiError && error.body !== undefined ? `${error.message}\n\n${JSON.stringify(error.body, null, 2)}` : String(error?.message ?? error);
  }
}

for (const id of Object.keys(operations)) {
  const option = document.createElement("option");
  option.value = id;
  option.textContent = id;
  field("operation").append(option);
}
/** Shows the operation the URL's hash names, when it names one. */
function followHash() {
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (!Object.hasOwn(operations, wanted) || field("operation").value === wanted) return false;
  field("operation").value = wanted;
  return true;
}
followHash();
window.addEventListener("hashchange", () => {
  if (followHash()) renderParameters();
});
field("operation").addEventListener("change", () => {
  history.replaceState(null, "", `#${field("operation").value}`);
  renderParameters();
});
const showAuth = () => {
  for (const box of form.querySelectorAll("[data-auth]")) box.hidden = box.dataset.auth !== field("auth").value;
};
for (const radio of form.querySelectorAll("input[name='auth']")) radio.addEventListener("change", showAuth);
form.addEventListener("submit", send);
renderParameters();
showAuth();
form.dataset.state = "ready";
