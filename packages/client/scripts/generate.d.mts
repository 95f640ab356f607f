// Types of scripts/generate.mjs, for the tests that import it.
import type { SpecModel } from "@hss-kit/spec";

/** Describes every operation of the model: method, path, paginated and parameters with rules. */
export function describeOperations(model: SpecModel): Record<string, any>;

/** Renders every generated file: path relative to the package, to content. */
export function render(model: SpecModel): Promise<Map<string, string>>;

/** The regions of the spec's servers: the regional URL template with its regions, and fixed servers. */
export function describeRegions(model: SpecModel): { template: string; templated: string[]; fixed: Record<string, string> };

/** The short name of each operation's item type, from the spec's name for its item schema. */
export function describeItemNames(model: SpecModel): Record<string, { name: string; schema: string }>;
