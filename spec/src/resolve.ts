import { isObject, type Json, type JsonObject } from "./json.js";

/** Reference chains longer than this are taken for cycles. */
const MAX_HOPS = 32;

function target(document: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported; got ${ref}.`);
  let at: Json | undefined = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    at = isObject(at) ? at[key] : Array.isArray(at) ? at[Number(key)] : undefined;
  }
  return at;
}

/** Follows a local `$ref` (and any `$ref` it lands on) to the object it names. */
export function resolveRef(document: JsonObject, node: JsonObject): JsonObject {
  let current = node;
  for (let hops = 0; typeof current.$ref === "string"; hops++) {
    if (hops > MAX_HOPS) throw new Error(`$ref cycle at ${current.$ref}`);
    const found = target(document, current.$ref);
    if (!isObject(found)) throw new Error(`Unresolvable $ref ${current.$ref}.`);
    current = found;
  }
  return current;
}

/**
 * A copy of a node with every local `$ref` inside it replaced by what it names, for code that
 * walks schemas (data generation, field lookup). A recursive schema is refused: none of the API's
 * schemas is recursive, and expanding one would never end.
 */
export function dereference(document: JsonObject, node: Json, seen: readonly string[] = []): Json {
  if (Array.isArray(node)) return node.map((child) => dereference(document, child, seen));
  if (!isObject(node)) return node;
  if (typeof node.$ref === "string") {
    const ref = node.$ref;
    if (seen.includes(ref)) throw new Error(`The schema ${ref} refers to itself; recursive schemas are not supported.`);
    return dereference(document, resolveRef(document, node), [...seen, ref]);
  }
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, dereference(document, child, seen)]));
}
