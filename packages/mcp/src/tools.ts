// The tools, derived from the spec model: one per read operation (GET), its input schema from the
// operation's parameters with their descriptions and rules. Nothing here names an operation, so a
// new read operation in the spec is a new tool.

import type { OperationModel, ParameterModel, SpecModel } from "@hss-kit/spec";

/** The JSON Schema of one tool argument. */
export type ArgumentSchema = Record<string, unknown>;

/** One tool, as `tools/list` gives it. */
export interface ToolSpec {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: { type: "object"; properties: Record<string, ArgumentSchema>; required: string[]; additionalProperties: false };
  readonly annotations: { title: string; readOnlyHint: true; idempotentHint: true; destructiveHint: false; openWorldHint: true };
  /** The operation the tool calls. */
  readonly operation: OperationModel;
}

/** How many records and bytes one tool result holds at most. */
export interface ResultCaps {
  /** Records per result; an agent may ask for fewer with `limit`. */
  readonly maxRows: number;
  /** Bytes of the records of one result, as JSON; records past it are left for the next call. */
  readonly maxBytes: number;
}

/** Only operations that read: a tool an agent may call again and again without changing anything. */
const READ_METHODS = new Set(["GET", "HEAD"]);

/** Parameters a tool takes: those the client does not fill in from its configuration. */
export function toolParameters(operation: OperationModel): ParameterModel[] {
  return operation.parameters.filter((parameter) => !parameter.config);
}

function argumentSchema(parameter: ParameterModel, operation: OperationModel, caps: ResultCaps): ArgumentSchema {
  const { type, format, enum: values, minimum, maximum, minLength, maxLength, default: fallback } = parameter.rules;
  let description = parameter.description;
  if (operation.paginated && parameter.paging === "limit") {
    description += ` A result holds at most ${caps.maxRows} records and ${caps.maxBytes} bytes of them; a smaller limit is honored.`;
  }
  if (operation.paginated && parameter.paging === "offset") {
    description += " To continue a result, pass its next_offset.";
  }
  return {
    ...(type ? { type } : {}),
    ...(format ? { format } : {}),
    ...(values ? { enum: values } : {}),
    // A limit below the spec's minimum is honored by trimming, so the tool does not refuse it.
    ...(minimum !== undefined && parameter.paging !== "limit" ? { minimum } : parameter.paging === "limit" ? { minimum: 1 } : {}),
    ...(maximum !== undefined ? { maximum } : {}),
    ...(minLength !== undefined ? { minLength } : {}),
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(fallback !== undefined ? { default: fallback } : {}),
    description,
  };
}

function toolDescription(operation: OperationModel, caps: ResultCaps): string {
  const times = operation.fields.filter((field) => field.unit === "epoch-milliseconds").map((field) => field.name);
  return [
    operation.summary.endsWith(".") ? operation.summary : `${operation.summary}.`,
    operation.description.trim(),
    operation.paginated
      ? `Returns { total_num, offset, data_list, next_offset }: at most ${caps.maxRows} records and ${caps.maxBytes} bytes of them per call; when next_offset is present, call again with offset set to it for the records that follow.`
      : "",
    times.length ? `Times (${times.join(", ")}) are epoch milliseconds, each with an ISO 8601 copy in <name>_iso beside it.` : "",
  ].filter(Boolean).join("\n\n");
}

/** Every tool of the model: one per read operation, in spec order. */
export function toolsOf(model: SpecModel, caps: ResultCaps): ToolSpec[] {
  return model.operations
    .filter((operation) => READ_METHODS.has(operation.method))
    .map((operation) => {
      const parameters = toolParameters(operation);
      return {
        name: operation.id,
        title: operation.summary,
        description: toolDescription(operation, caps),
        inputSchema: {
          type: "object",
          properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, argumentSchema(parameter, operation, caps)])),
          required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
          additionalProperties: false,
        },
        annotations: { title: operation.summary, readOnlyHint: true, idempotentHint: true, destructiveHint: false, openWorldHint: true },
        operation,
      };
    });
}
