// @ts-check
// One walk in a process of its own, so its peak memory is its own: started by the throttle
// benchmark with `{ url, items, pageSize, limit }`; walks `items` ports (or, with 0, makes one
// call) with a client whose budget is `limit`, checks every item, and reports over IPC
// `{ maxRssKiB, peakHeapKiB, ms }` (maxRSS from process.resourceUsage(), heap sampled every 5 ms).

import { createHssClient } from "./client-api.mjs";
import { budget } from "./benchmarks/throttle.mjs";
import { HOST_ID, PROJECT_ID, TOKEN } from "./fixtures.mjs";
import { now } from "./stats.mjs";

const { url, items, pageSize, limit } = JSON.parse(process.argv[2] ?? "{}");

try {
  const create = await createHssClient();
  const hss = create({ baseUrl: url, projectId: PROJECT_ID, credentials: { token: TOKEN }, ...budget(limit) });
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 5);
  const start = now();
  if (items === 0) {
    await hss.listPorts({ host_id: HOST_ID, limit: pageSize });
  } else {
    let count = 0;
    for await (const item of hss.paginate.listPorts({ host_id: HOST_ID }, { pageSize })) {
      if (item.pid !== 1000 + count) throw new Error(`item ${count} is pid ${item.pid}, expected ${1000 + count}`);
      count++;
    }
    if (count !== items) throw new Error(`walked ${count} items, expected ${items}`);
  }
  const ms = now() - start;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  process.send?.({ maxRssKiB: process.resourceUsage().maxRSS, peakHeapKiB: peakHeap / 1024, ms });
} catch (error) {
  process.send?.({ error: error instanceof Error ? error.message : String(error) });
}
process.disconnect?.();
