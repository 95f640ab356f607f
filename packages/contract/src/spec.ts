// What the checks need of the spec beyond the model of @hss-kit/spec.
import type { OperationModel } from "@hss-kit/spec";

export {
  bundledSpecPath,
  documentedResponse,
  linksInto,
  loadModel,
  readModel,
  type FieldModel,
  type Json,
  type JsonObject,
  type LinkModel,
  type OperationModel,
  type ParameterModel,
  type ParameterRules,
  type ResponseModel,
  type SpecModel,
} from "@hss-kit/spec";

/** The 4xx statuses an operation documents, as numbers, in spec order. */
export function documented4xx(operation: OperationModel): number[] {
  return operation.responses.map((r) => Number(r.status)).filter((s) => s >= 400 && s < 500);
}

/** Whether the items of an operation carry a field of that name. */
export function hasField(operation: OperationModel, name: string): boolean {
  return operation.fields.some((field) => field.name === name);
}
