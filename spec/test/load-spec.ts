import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { INTEGER_FORMAT_RANGES, loadModel, type JsonObject } from "../src/index.js";

/** The model of the bundled spec that `pnpm build` writes; the tests run after the build. */
export const model = loadModel();

/**
 * An Ajv 2020-12 validator that knows the spec's components, so a schema holding
 * `#/components/...` references validates as the spec means it.
 */
export function validatorFor(document: JsonObject) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const [format, { minimum, maximum }] of Object.entries(INTEGER_FORMAT_RANGES)) {
    ajv.addFormat(format, { type: "number", validate: (n: number) => Number.isInteger(n) && n >= minimum && n <= maximum });
  }
  ajv.addSchema({ $id: "spec", components: document.components });
  return (schema: unknown, value: unknown) => {
    const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/'));
    const validate = ajv.compile(rebased);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
  };
}
