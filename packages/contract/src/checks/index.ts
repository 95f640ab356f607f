// Every family of checks: importing a family's module defines (and so registers) its checks.
// The registry orders them by family, so the order of these imports does not matter.
import "./robustness.js";
import "./conformance.js";
import "./inputs.js";
import "./auth.js";
import "./tenancy.js";
import "./pagination.js";
import "./filters.js";
import "./filter-semantics.js";

export { checkNamed, checkNamesDefined, checksMarkdown, registeredChecks, selectChecks, SelectionError } from "./registry.js";
export type { Check, CheckCase, CheckDefinition, CheckName, Family, PlanEnv } from "./registry.js";
