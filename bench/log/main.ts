/**
 * npm run bench:log — the transparency log's costs, each as a ratio or a latency, in short runs
 * (the machine may be shared: rounds alternate so noise hits both sides alike).
 *
 *   append      appends/s to the PostgreSQL store with the tree projector running vs without (16 writers)
 *   proofs      inclusion and consistency proof latency p50/p99 from a tree of 1,000,000 leaves in PostgreSQL
 *   verify      time for recourse-verify to check a 100,000-event export (chains, root, signature)
 *   read-audit  GET /v1/cases/:id per second read by staff (each read recorded) vs by the owner (not)
 *
 * `npm run bench:log -- --only proofs,read-audit` runs only the parts named (all by default).
 */
import { loadavg } from 'node:os';
import { appendThroughput } from './append-throughput';
import { log } from './database';
import { proofLatency } from './proof-latency';
import { readAuditCost } from './read-audit-cost';
import { verifyExport } from './verify-export';

const PARTS = {
  append: appendThroughput,
  proofs: proofLatency,
  verify: verifyExport,
  'read-audit': readAuditCost,
} as const;
type Part = keyof typeof PARTS;

function partsToRun(args: readonly string[]): Part[] {
  const at = args.indexOf('--only');
  if (at < 0) return Object.keys(PARTS) as Part[];
  const named = (args[at + 1] ?? '').split(',').filter((name) => name !== '');
  const unknown = named.filter((name) => !(name in PARTS));
  if (named.length === 0 || unknown.length > 0) {
    throw new Error(
      `--only takes a comma-separated list of ${Object.keys(PARTS).join(', ')}; got "${args[at + 1] ?? ''}"`,
    );
  }
  return named as Part[];
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = { loadAverageAtStart: loadAverage() };
  for (const part of partsToRun(process.argv.slice(2))) {
    log(`${part}: load average ${loadAverage()}`);
    results[part] = await PARTS[part]();
  }
  results.loadAverageAtEnd = loadAverage();
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

/** the 1, 5 and 15 minute load averages: the machine is shared, so every figure comes with them */
const loadAverage = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
