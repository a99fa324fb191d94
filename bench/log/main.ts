/**
 * npm run bench:log — the transparency log's costs, each as a ratio or a latency, in short runs
 * (the machine may be shared: rounds alternate so noise hits both sides alike).
 *
 *   1. appends/s to the PostgreSQL store with the tree projector running vs without (16 writers)
 *   2. inclusion and consistency proof latency p50/p99 from a tree of 1,000,000 leaves in PostgreSQL
 *   3. time for recourse-verify to check a 100,000-event export (chains, root, signature)
 *   4. GET /v1/cases/:id per second read by staff (each read recorded) vs by the owner (not)
 */
import { appendThroughput } from './append-throughput';
import { proofLatency } from './proof-latency';
import { readAuditCost } from './read-audit-cost';
import { verifyExport } from './verify-export';

async function main(): Promise<void> {
  const results = {
    appends: await appendThroughput(),
    proofs: await proofLatency(),
    verifier: await verifyExport(),
    readAudit: await readAuditCost(),
  };
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
