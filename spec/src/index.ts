import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { JsonObject } from "./json.js";
import { readModel, type SpecModel } from "./model.js";

export { isObject, type Json, type JsonObject } from "./json.js";
export { dereference, resolveRef } from "./resolve.js";
export { INTEGER_FORMAT_RANGES, INTEGER_FORMATS } from "./integers.js";
export { compileRules, describeRules, integerBounds, meetsRules, type ParameterRules } from "./rules.js";
export type { ConfigRole, FilterSemantics, ModifierRole, PagingRole, Source, TimeUnit } from "./semantics.js";
export {
  RULE_KEYWORDS,
  documentedResponse,
  operationById,
  readModel,
  type FieldModel,
  type OperationModel,
  type ParameterModel,
  type ResponseModel,
  type SecuritySchemeModel,
  type ServerModel,
  type SpecModel,
} from "./model.js";

/** Path of the bundled spec as JSON, which every package reads. */
export const bundledSpecPath: string = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));

/** Path of the bundled spec as YAML, for readers and tools that prefer it. */
export const bundledYamlPath: string = fileURLToPath(new URL("../dist/openapi.yaml", import.meta.url));

/** Reads an OpenAPI JSON document; the bundled spec when no path is given. */
export function loadDocument(path: string = bundledSpecPath): JsonObject {
  return JSON.parse(readFileSync(path, "utf8")) as JsonObject;
}

/** Reads an OpenAPI JSON document into the model; the bundled spec when no path is given. */
export function loadModel(path: string = bundledSpecPath): SpecModel {
  return readModel(loadDocument(path));
}
