/**
 * `npm run test:faults`: two api and two worker processes on a PostgreSQL and a Redis of the
 * suite's own, under a bounded load with Idempotency-Keys, through each fault in turn. After each
 * fault: every accepted request's facts are in the store exactly once and in the read models,
 * every queue lists each open case once, the log verifies, no overdue deadline is left unfired,
 * and retries with the same key were safe. Prints the table and `N passed, M failed`.
 *
 *   FAULTS_LOAD_S (load per fault, default 12), FAULTS_CLIENTS (default 6),
 *   FAULTS_ONLY (comma-separated fault names or their beginnings), FAULTS_LOG_LEVEL (processes' LOG_LEVEL, info),
 *   FAULTS_LOG_DIR (keep each process's whole output there, as <name>.log)
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { mintToken } from '@recourse/auth';
import { loadConfig } from '@recourse/config';
import { eventually } from '../support/eventually';
import {
  factsOnce,
  lateness,
  p99,
  queueProblems,
  readModelGap,
  readStore,
  retrySafety,
  unfiredDeadlines,
  type Findings,
} from './checks';
import { Cluster, JWT_SECRET } from './cluster';
import { AUTHORITY, Load } from './load';

const LOAD_MS = Number(process.env.FAULTS_LOAD_S ?? 12) * 1000;
const CLIENTS = Number(process.env.FAULTS_CLIENTS ?? 6);
/** the fault strikes this far into the load */
const FAULT_AT_MS = LOAD_MS / 3;
/** the longest deadline the suite's policy sets before escalation (respond PT8S) plus slack */
const DEADLINES_SETTLE_MS = 10_000;
const CONVERGE_MS = 60_000;

/**
 * The deadlines' late p99 allowed through a worker kill and a Redis loss. The target is 2 s; on a
 * 2-core machine shared with other work the suite measured 2.8 s (worker kill) and 7.2 s (Redis
 * restarted empty) at load 4-7. Since the re-arm after a loss arms the deadlines to come soonest
 * first in bulk, beside the overdue ones, Redis restarted empty measured 1.6, 1.8, 1.9 and 3.2 s
 * (the code before, alternated with it: 2.5, 5.7 and 9.5 s) at load 6-12, its tail deadlines
 * that fell due while Redis was away or that the loaded workers fired late. CI asserts what still
 * tells a timer re-armed at once from one left to the minute sweep (its p99 was 40.6 s), with
 * room for a loaded runner.
 */
const LATE_P99_BOUND_MS = 15_000;

interface Fault {
  name: string;
  inject(cluster: Cluster): Promise<string>;
  /** fail when the deadlines' late p99 exceeds this */
  lateP99BoundMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const FAULTS: Fault[] = [
  { name: 'none', inject: async () => 'nothing' },
  {
    name: 'worker kill -9, restarted',
    inject: async (cluster) => {
      await cluster.killAndRestart(cluster.workers[0]);
      return 'worker-1 killed (started again a second later)';
    },
    lateP99BoundMs: LATE_P99_BOUND_MS,
  },
  {
    name: 'api kill -9, restarted',
    inject: async (cluster) => {
      await cluster.killAndRestart(cluster.apis[0]);
      return 'api-1 killed (started again a second later)';
    },
  },
  {
    name: 'Redis restarted empty',
    inject: async (cluster) => {
      await cluster.redis.restartEmpty();
      return 'Redis killed, started again without data';
    },
    lateP99BoundMs: LATE_P99_BOUND_MS,
  },
  {
    name: 'PostgreSQL restarted',
    inject: async (cluster) => {
      await cluster.postgres.restart('fast');
      return 'pg_ctl restart -m fast';
    },
  },
  {
    name: 'backends terminated',
    inject: async (cluster) => `${await cluster.postgres.terminateBackends()} backends terminated`,
  },
  {
    name: 'PostgreSQL down 10 s',
    inject: async (cluster) => {
      await cluster.postgres.stopServer('immediate');
      await sleep(10_000);
      await cluster.postgres.startServer();
      return 'stopped (immediate), started 10 s later';
    },
  },
  {
    name: 'connection cut between commit and answer',
    inject: async (cluster) => {
      cluster.proxy.armCuts(5);
      await sleep(3_000);
      return `${cluster.proxy.cuts} api connections cut after an append committed`;
    },
  },
];

async function main(): Promise<void> {
  const only = process.env.FAULTS_ONLY?.split(',').map((name) => name.trim());
  // a name or its beginning (names hold commas: FAULTS_ONLY="api kill,Redis")
  const faults = only
    ? FAULTS.filter((fault) => only.some((name) => fault.name.startsWith(name)))
    : FAULTS;
  const started = Date.now();
  log(`starting PostgreSQL, Redis, 2 api and 2 worker processes`);
  const cluster = await Cluster.start();
  log(`cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const config = loadConfig({
    AUTH_JWT_SECRET: JWT_SECRET,
    RECOURSE_DATA_DIR: mkdtempSync(join(tmpdir(), 'recourse-faults-tokens-')),
  });
  const token = async (
    sub: string,
    role: 'citizen' | 'caseworker' | 'supervisor' | 'oversight',
    authorityId?: string,
  ) => `Bearer ${await mintToken({ sub, role, authorityId, expiresIn: '2h' }, config)}`;
  const citizens = await Promise.all(
    Array.from({ length: CLIENTS }, (_, n) => token(`citizen-${n}`, 'citizen')),
  );
  const caseworker = await token('cw-faults', 'caseworker', AUTHORITY);
  const oversight = await token('ovs-faults', 'oversight');
  const liveApis = () => cluster.apis.filter((api) => api.alive).map((api) => api.url);
  const load = new Load(
    () => (liveApis().length > 0 ? liveApis() : cluster.apis.map((a) => a.url)),
    { citizen: (n) => citizens[n], caseworker },
    CLIENTS,
  );
  const rows: {
    fault: string;
    findings: Findings;
    seen: string;
    errorsFor: string;
    failures: string[];
  }[] = [];
  try {
    for (const fault of faults) {
      const opsBefore = load.ops.length;
      load.resetTally();
      const from = Date.now();
      load.start();
      await sleep(FAULT_AT_MS);
      log(`${fault.name}: ${await fault.inject(cluster)}`);
      await sleep(Math.max(0, from + LOAD_MS - Date.now()));
      await load.stop();
      const loadEnded = Date.now();
      await cluster.restarted();
      const findings = await settleAndCheck(
        cluster,
        load,
        opsBefore,
        from,
        loadEnded,
        oversight,
        (authorityId) => token(`sv-${authorityId}`, 'supervisor', authorityId),
      );
      const failures = verdict(findings, cluster, fault);
      const { firstError, lastError } = load.tally;
      rows.push({
        fault: fault.name,
        findings,
        seen:
          [...load.tally.seen].map(([status, n]) => `${n} × ${status}`).join(', ') || 'no error',
        errorsFor:
          firstError && lastError ? `${((lastError - firstError) / 1000).toFixed(1)} s` : '-',
        failures,
      });
      log(`${fault.name}: ${failures.length === 0 ? 'passed' : `FAILED (${failures.join('; ')})`}`);
    }
  } finally {
    await cluster.stop();
  }
  printTable(rows);
  const failed = rows.filter((row) => row.failures.length > 0).length;
  console.log(
    `\n${rows.length - failed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
}

async function settleAndCheck(
  cluster: Cluster,
  load: Load,
  opsBefore: number,
  from: number,
  loadEnded: number,
  oversight: string,
  supervisor: (authorityId: string) => Promise<string>,
): Promise<Findings> {
  // deadlines of the last cases fall due after the load: let them
  await sleep(Math.max(0, loadEnded + DEADLINES_SETTLE_MS - Date.now()));
  const db = await connect(cluster.databaseUrl);
  try {
    return await check(cluster, db, load, opsBefore, from, loadEnded, oversight, supervisor);
  } finally {
    await db.end().catch(() => undefined);
  }
}

async function connect(url: string): Promise<Client> {
  return eventually(async () => {
    const db = new Client({ connectionString: url });
    db.on('error', () => undefined);
    try {
      await db.connect();
      return db;
    } catch {
      return undefined;
    }
  }, CONVERGE_MS);
}

async function check(
  cluster: Cluster,
  db: Client,
  load: Load,
  opsBefore: number,
  from: number,
  loadEnded: number,
  oversight: string,
  supervisor: (authorityId: string) => Promise<string>,
): Promise<Findings> {
  let events = await readStore(db);
  let gap = await readModelGap(db, events);
  let unfired = unfiredDeadlines(events, Date.now());
  const convergeBy = Date.now() + CONVERGE_MS;
  while ((gap.missing + gap.behind > 0 || unfired > 0) && Date.now() < convergeBy) {
    await sleep(500);
    events = await readStore(db);
    gap = await readModelGap(db, events);
    unfired = unfiredDeadlines(events, Date.now());
  }
  if (gap.which.length > 0)
    log(`read models missing or behind: ${gap.which.slice(0, 20).join(', ')}`);
  const api = cluster.apis.find((node) => node.alive)!.url;
  const verify = await fetch(`${api}/v1/audit/verify`, { headers: { Authorization: oversight } });
  const verified =
    verify.status === 200 && ((await verify.json()) as { verified: boolean }).verified;
  const phaseOps = load.ops.slice(opsBefore);
  const facts = factsOnce(load.ops, events);
  const safety = retrySafety(phaseOps, events);
  const late = lateness(events, from, loadEnded + DEADLINES_SETTLE_MS);
  return {
    accepted: phaseOps.filter((op) => op.status !== undefined && op.status < 300).length,
    lost: facts.lost,
    duplicated: facts.duplicated,
    readModelsMissing: gap.missing,
    readModelsBehind: gap.behind,
    queueProblems: await queueProblems(db, api, supervisor),
    logVerified: verified,
    unfired,
    deadlinesFired: late.length,
    latenessP99Ms: p99(late),
    latenessMaxMs: late.length ? late[late.length - 1] : null,
    unsafeRetries: safety.unsafe,
    unanswered: safety.unanswered,
  };
}

function verdict(findings: Findings, cluster: Cluster, fault: Fault): string[] {
  const failures: string[] = [];
  const late = findings.latenessP99Ms;
  if (fault.lateP99BoundMs !== undefined && late !== null && late > fault.lateP99BoundMs)
    failures.push(`deadlines late p99 ${late} ms (bound ${fault.lateP99BoundMs} ms)`);
  if (findings.accepted === 0) failures.push('no request accepted');
  if (findings.lost > 0) failures.push(`${findings.lost} lost`);
  if (findings.duplicated > 0) failures.push(`${findings.duplicated} duplicated`);
  if (findings.readModelsMissing + findings.readModelsBehind > 0)
    failures.push(
      `read models: ${findings.readModelsMissing} missing, ${findings.readModelsBehind} behind`,
    );
  if (findings.queueProblems > 0) failures.push(`${findings.queueProblems} queue problems`);
  if (!findings.logVerified) failures.push('the log does not verify');
  if (findings.unfired > 0) failures.push(`${findings.unfired} overdue deadlines unfired`);
  if (findings.unsafeRetries > 0) failures.push(`${findings.unsafeRetries} unsafe retries`);
  if (findings.unanswered > 0) failures.push(`${findings.unanswered} requests never answered`);
  const exits = [...cluster.apis, ...cluster.workers].filter((node) => node.unexpectedExits > 0);
  if (exits.length > 0)
    failures.push(`exited on their own: ${exits.map((node) => node.name).join(', ')}`);
  return failures;
}

function printTable(
  rows: {
    fault: string;
    findings: Findings;
    seen: string;
    errorsFor: string;
    failures: string[];
  }[],
): void {
  const ms = (value: number | null) => (value === null ? '-' : `${value} ms`);
  const lines = [
    '| fault | accepted | lost / duplicated | read models | queues | log | deadlines fired, late p99 (max) | unfired | clients saw (retried) | errors for | result |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows
      .map(({ fault, findings: f, seen, errorsFor, failures }) =>
        [
          fault,
          f.accepted,
          `${f.lost} / ${f.duplicated}`,
          f.readModelsMissing + f.readModelsBehind === 0
            ? 'equal'
            : `${f.readModelsMissing} missing, ${f.readModelsBehind} behind`,
          f.queueProblems === 0 ? 'each once' : `${f.queueProblems} problems`,
          f.logVerified ? 'verifies' : 'BROKEN',
          `${f.deadlinesFired}, ${ms(f.latenessP99Ms)} (${ms(f.latenessMaxMs)})`,
          f.unfired,
          seen,
          errorsFor,
          failures.length === 0 ? 'pass' : `FAIL: ${failures.join('; ')}`,
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
  ];
  console.log(`\n${lines.join('\n')}`);
}

function log(message: string): void {
  console.log(`[faults ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

main().catch((error: unknown) => {
  console.error(error);
  console.log('\n0 passed, 1 failed (the suite could not run)');
  process.exit(1);
});
