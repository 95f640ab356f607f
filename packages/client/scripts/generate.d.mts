// Types of scripts/generate.mjs, for the tests that import it.

/** A bundled OpenAPI document, as parsed JSON. */
export type Spec = Record<string, any>;

/** Reads the bundled spec (by default @hss-kit/spec/openapi.json). */
export function loadBundledSpec(specPath?: string): Promise<Spec>;

/** Describes every operation of a spec: method, path, paginated and parameters with rules. */
export function describeOperations(spec: Spec): Record<string, unknown>;

/** Renders every generated file: path relative to the package, to content. */
export function render(spec: Spec): Promise<Map<string, string>>;

/** The regions of the spec's servers: the regional URL template with its regions, and fixed servers. */
export function describeRegions(spec: Spec): { template: string; templated: string[]; fixed: Record<string, string> };
