// The report as one HTML file: no script, no request of its own (a Content-Security-Policy that
// allows only its inline style), every text from the target escaped.
import { FAMILIES, summaryLine, type CheckResult, type ContractReport, type Failure } from "../result.js";
import { checkCounts, groupFailures } from "./groups.js";

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = `
:root { color-scheme: light dark; --fail: #b3261e; --pass: #1e7a34; --skip: #6b6b6b; --line: #8884; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1rem; margin: 0; }
.meta { color: var(--skip); margin: 0 0 1rem; }
.totals { display: flex; gap: 1rem; flex-wrap: wrap; }
.total { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem 1rem; min-width: 7rem; }
.total strong { display: block; font-size: 1.6rem; }
.fail { color: var(--fail); } .pass { color: var(--pass); } .skip { color: var(--skip); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.n, th.n { text-align: right; }
.group { border: 1px solid var(--line); border-left: .3rem solid var(--fail); border-radius: .5rem; padding: .75rem 1rem; margin: 1rem 0; }
.group p { margin: .25rem 0; }
details { margin: .5rem 0; } summary { cursor: pointer; font-weight: 600; }
pre { white-space: pre-wrap; word-break: break-all; background: #8881; padding: .5rem; border-radius: .25rem; margin: .25rem 0; font-size: 13px; }
ul.violations { margin: .25rem 0 .75rem; padding-left: 1.25rem; } code { font-size: 13px; }
`;

function resultName(result: CheckResult): string {
  return [result.check, result.operation, result.subject].filter(Boolean).join(" ");
}

function failureHtml(failure: Failure): string {
  return [
    failure.curl ? `<pre>${escape(failure.curl)}</pre>` : "",
    failure.status !== undefined ? `<p>status ${failure.status}</p>` : "",
    failure.note ? `<p>${escape(failure.note)}</p>` : "",
    failure.violations.length
      ? `<ul class="violations">${failure.violations.map((v) => `<li><code>${escape(v.where)}</code>: expected ${escape(v.expected)}; got <code>${escape(v.got)}</code></li>`).join("")}</ul>`
      : "",
  ].join("");
}

function groupsHtml(report: ContractReport): string {
  const groups = groupFailures(report);
  if (groups.length === 0) return `<h2 class="pass">Every check passed</h2>`;
  return `<h2>${report.summary.failed} failed, in ${groups.length} group${groups.length === 1 ? "" : "s"} by likely cause</h2>` + groups.map((group, index) => `
<section class="group">
  <h3>${index + 1}. ${group.rules.map(escape).join("; and ")}</h3>
  <p>${group.results.length} failing: ${escape(checkCounts(group.results))}</p>
  ${group.sharedRequests.length ? `<p>${group.sharedRequests.length} request(s) failed several of these checks at once.</p>` : ""}
  ${group.results.map((result, at) => `<details${at === 0 ? " open" : ""}><summary class="fail">${escape(resultName(result))}</summary>${result.failures.map(failureHtml).join("")}</details>`).join("\n  ")}
</section>`).join("");
}

function familyTable(report: ContractReport): string {
  const rows = FAMILIES.map((family) => {
    const results = report.results.filter((r) => r.check.startsWith(`${family}.`));
    const count = (status: CheckResult["status"]) => results.filter((r) => r.status === status).length;
    return results.length === 0 ? "" : `<tr><td>${family}</td><td class="n pass">${count("pass")}</td><td class="n fail">${count("fail")}</td><td class="n skip">${count("skip")}</td></tr>`;
  }).join("");
  return `<table><thead><tr><th>family</th><th class="n">passed</th><th class="n">failed</th><th class="n">skipped</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function allResults(report: ContractReport): string {
  const rows = report.results.map((r) => `<tr><td class="${r.status}">${r.status.toUpperCase()}</td><td>${escape(r.check)}</td><td>${escape(r.operation)}</td><td>${escape(r.subject)}</td><td>${escape(r.reason ?? "")}</td></tr>`).join("");
  return `<details><summary>All ${report.results.length} results</summary><table><thead><tr><th>status</th><th>check</th><th>operation</th><th>subject</th><th>why skipped</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** The report as a single HTML file: the failures grouped by likely cause first, then the counts and every result. */
export function formatHtml(report: ContractReport): string {
  const { target, summary } = report;
  const totals = (["passed", "failed", "skipped"] as const).map((key) => `<div class="total ${key === "passed" ? "pass" : key === "failed" ? "fail" : "skip"}"><strong>${summary[key]}</strong>${key}</div>`).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>hss-contract: ${escape(summaryLine(summary))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>hss-contract report</h1>
<p class="meta">${escape(target.baseUrl)} · project ${escape(target.projectId)} · region ${escape(target.region)} · profile ${report.profile} · seed ${report.seed} · ${escape(report.startedAt)} · ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s</p>
<div class="totals">${totals}</div>
${groupsHtml(report)}
<h2>Summary</h2>
${familyTable(report)}
${report.discovered.length ? `<p>Discovered: ${report.discovered.map(escape).join("; ")}</p>` : ""}
<h2>Every result</h2>
${allResults(report)}
</body>
</html>
`;
}
