import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** The bundled spec that `pnpm build` writes; the tests run after the build. */
export function loadBundledSpec(): any {
  return JSON.parse(readFileSync(fileURLToPath(new URL("../dist/openapi.json", import.meta.url)), "utf8"));
}

const INT_RANGES = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] };

/**
 * An Ajv 2020-12 validator that knows the spec's components, so a schema holding
 * `#/components/...` references validates as the spec means it.
 */
export function validatorFor(spec: any) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const [format, [min, max]] of Object.entries(INT_RANGES)) {
    ajv.addFormat(format, { type: "number", validate: (n: number) => Number.isInteger(n) && n >= min! && n <= max! });
  }
  ajv.addSchema({ $id: "spec", components: spec.components });
  return (schema: unknown, value: unknown) => {
    const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/'));
    const validate = ajv.compile(rebased);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  };
}
