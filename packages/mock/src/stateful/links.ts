// The links of the spec made true in the data: a field that a link leads from takes its values
// from what the link's target holds, so every host_id an asset list returns is a server of
// listHostStatus and every task listVulScanTask returns is a task_id listVulScanTaskHost knows.
import type { Json, LinkModel, OperationModel, SpecModel } from "@hss-kit/spec";
import type { Behaviour } from "./behaviour.js";
import { generateRecords, knownValues } from "./dataset.js";
import { selectRecords } from "./select.js";

/** For each operation, the values each of its linked fields takes, by field name. */
export type LinkedPools = ReadonlyMap<string, Readonly<Record<string, readonly Json[]>>>;

/**
 * The values a link's field may take: the known values of a path parameter that scopes records,
 * or the values of the filtered field among the `records` records the target lists by default. A link into
 * a required query parameter sets no bound: the target answers for any value (the ports of any
 * server). Undefined for such a link.
 */
function targetValues(link: LinkModel, target: OperationModel, seed: number, project: string, records: number, poolsOf: (operation: OperationModel) => Record<string, readonly Json[]>, behaviour: Behaviour): readonly Json[] | undefined {
  const parameter = target.parameters.find((p) => p.name === link.parameter)!;
  if (parameter.in === "path") return knownValues(parameter);
  const field = parameter.filter?.field;
  if (parameter.required || field === undefined) return undefined;
  const listed = generateRecords(target, seed, project, {}, poolsOf(target), records);
  const { scoped } = selectRecords(target, listed, new Map(), behaviour.criterion);
  return [...new Set(scoped.map((record) => record.item[field]).filter((value) => value !== undefined))] as Json[];
}

/**
 * The pools of every operation's linked fields in one project (whose records are its own), as
 * `behaviour.link` gives them (the fault-free behaviour keeps every link). A cycle of links that
 * bound each other's values is refused: no data could be generated for it.
 */
export function linkedPools(model: SpecModel, seed: number, project: string, behaviour: Behaviour, records: number): LinkedPools {
  const pools = new Map<string, Record<string, readonly Json[]>>();
  const visiting = new Set<string>();
  const poolsOf = (operation: OperationModel): Record<string, readonly Json[]> => {
    const known = pools.get(operation.id);
    if (known) return known;
    if (visiting.has(operation.id)) throw new Error(`The links of ${operation.id} bound its values by way of themselves; the stateful mock cannot generate data for a cycle.`);
    visiting.add(operation.id);
    const own: Record<string, readonly Json[]> = {};
    for (const link of operation.links) {
      const target = model.operations.find((o) => o.id === link.to)!;
      const values = targetValues(link, target, seed, project, records, poolsOf, behaviour);
      if (values !== undefined && values.length > 0) own[link.field] = behaviour.link(link, values);
    }
    visiting.delete(operation.id);
    pools.set(operation.id, own);
    return own;
  };
  for (const operation of model.operations) poolsOf(operation);
  return pools;
}
