import type { ContractReport } from "../result.js";

/** The whole report as JSON: every check with every failing request. The token is never in it. */
export function formatJson(report: ContractReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
