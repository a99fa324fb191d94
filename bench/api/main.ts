/**
 * Speed of the HTTP paths people wait on, as a ratio to a bare NestJS 11 application (same
 * Express adapter, same ValidationPipe and DTO: bench/api/bare-app.ts), and what encrypting
 * personal data costs: the ratio of Recourse to the same Recourse with a pass-through sealer
 * (bench/api/plaintext-personal-data.ts, provided through Nest DI; no setting turns encryption
 * off). The servers run in child processes; autocannon loads them in alternating rounds (bare,
 * Recourse, plaintext, bare, …) so that the noise of a shared machine hits all alike. Recourse
 * runs on PostgreSQL (a fresh schema each, dropped after) without a projection worker, logging
 * at LOG_LEVEL (default info) to stdout.
 *
 *   POST /v1/cases                     a citizen files a new case each request
 *   POST /v1/cases, a new citizen each a citizen with no data key yet files (one is made)
 *   POST /v1/cases + Idempotency-Key   a new key each request (claimed, run, kept)
 *   GET  /v1/cases/:id                 the owner reads a projected case
 *
 *   npm run bench:api   (BENCH_SECONDS per round, default 5; BENCH_ROUNDS, default 3;
 *                        BENCH_CONNECTIONS, default 10; BENCH_DATABASE_URL;
 *                        BENCH_ONLY=GET,Key runs only the paths whose name contains one;
 *                        BENCH_PROFILE=1 writes a V8 CPU profile of the Recourse process to
 *                        ./profiles, to open in Chrome DevTools or speedscope)
 *
 * Besides req/s it prints the CPU each Recourse server's process spent per request (user +
 * system, taken around every round): on a loaded machine req/s swings with the neighbours, the
 * CPU a request costs much less. The database's own CPU is not in it.
 */
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { appealBody } from '../../test/support/fixtures';
import type { ServerKind, ServerReady } from './server';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PROFILE = process.env.BENCH_PROFILE === '1';
/** only the paths whose name contains one of these (comma-separated), e.g. "GET" */
const ONLY = process.env.BENCH_ONLY?.split(',');
const FILING = JSON.stringify(appealBody());

interface Server {
  child: ChildProcess;
  ready: ServerReady;
}

interface Scenario {
  name: string;
  /** the bare app's counterpart: a key means nothing to it */
  run(server: ServerReady): Promise<autocannon.Result>;
}

function load(
  server: ServerReady,
  options: Partial<autocannon.Options>,
): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${server.port}/v1/cases`,
    connections: CONNECTIONS,
    duration: SECONDS,
    ...options,
    headers: { authorization: `Bearer ${server.token}`, ...options.headers },
  });
}

const post = { 'content-type': 'application/json' };

/** set when a Recourse server filed more than its newcomers: raise BENCH_NEWCOMERS */
let outOfNewcomers = false;
/** each server's unused newcomers, across rounds: every one files once */
const newcomerTokens = new WeakMap<ServerReady, Iterator<string>>();
function newcomersOf(server: ServerReady): Iterator<string> {
  let tokens = newcomerTokens.get(server);
  if (!tokens) newcomerTokens.set(server, (tokens = server.newcomers[Symbol.iterator]()));
  return tokens;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'POST /v1/cases',
    run: (server) => load(server, { method: 'POST', headers: post, body: FILING }),
  },
  {
    name: 'POST /v1/cases, a new citizen each',
    run: (server) => {
      const tokens = newcomersOf(server);
      return load(server, {
        method: 'POST',
        headers: post,
        body: FILING,
        requests: [
          {
            setupRequest: (request) => {
              const next = tokens.next();
              // the bare app ignores tokens and has none to give; Recourse must not run out
              if (next.done && server.token !== 'none') outOfNewcomers = true;
              const token = next.done ? server.token : next.value;
              return {
                ...request,
                headers: { ...request.headers, authorization: `Bearer ${token}` },
              };
            },
          },
        ],
      });
    },
  },
  {
    name: 'POST /v1/cases + Idempotency-Key',
    run: (server) =>
      load(server, {
        method: 'POST',
        headers: post,
        body: FILING,
        // a new key on every request: each one is claimed, run and kept
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, 'idempotency-key': randomUUID() },
            }),
          },
        ],
      }),
  },
  {
    name: 'GET /v1/cases/:id',
    run: (server) =>
      load(server, { url: `http://127.0.0.1:${server.port}/v1/cases/${server.caseId}` }),
  },
];

function start(kind: ServerKind): Promise<Server> {
  const execArgv = ['-r', '@swc-node/register'];
  if (PROFILE && kind === 'recourse') execArgv.push('--cpu-prof', '--cpu-prof-dir=profiles');
  const child = fork(join(__dirname, 'server.ts'), [kind], {
    execArgv,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (ready) => resolve({ child, ready: ready as ServerReady }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
  });
}

/** The CPU the server process has used so far, µs (user + system). */
function cpuOf(server: Server): Promise<number> {
  return new Promise((resolve) => {
    const answer = (message: unknown) => {
      if (typeof message !== 'object' || message === null || !('cpu' in message)) return;
      server.child.off('message', answer);
      resolve((message as { cpu: number }).cpu);
    };
    server.child.on('message', answer);
    server.child.send('cpu');
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.send('stop');
  });
}

interface Tally {
  requests: number;
  seconds: number;
  latencies: number[];
  errors: number;
  /** CPU µs the server process used during the rounds */
  cpu: number;
}

const emptyTally = (): Tally => ({ requests: 0, seconds: 0, latencies: [], errors: 0, cpu: 0 });

function add(tally: Tally, result: autocannon.Result, cpu: number): void {
  tally.cpu += cpu;
  tally.requests += result.requests.total;
  tally.seconds += result.duration;
  tally.latencies.push(result.latency.p99);
  tally.errors += result.non2xx + result.errors + result.timeouts;
}

const rate = (tally: Tally) => tally.requests / tally.seconds;
/** what the server's own process spent per request: unlike req/s, little moved by the load */
const cpuPerRequest = (tally: Tally) => tally.cpu / tally.requests;

const KINDS: readonly ServerKind[] = ['bare', 'recourse', 'plaintext'];

async function main(): Promise<void> {
  console.log(
    `bench:api: ${ROUNDS} alternating rounds of ${SECONDS} s, ${CONNECTIONS} connections, ` +
      `Node ${process.version}`,
  );
  const servers = {} as Record<ServerKind, Server>;
  try {
    for (const kind of KINDS) servers[kind] = await start(kind);
    const rows: string[] = [];
    const chosen = SCENARIOS.filter((s) => !ONLY || ONLY.some((part) => s.name.includes(part)));
    for (const scenario of chosen) {
      const tallies = { bare: emptyTally(), recourse: emptyTally(), plaintext: emptyTally() };
      for (let round = 1; round <= ROUNDS; round++) {
        for (const kind of KINDS) {
          const cpuBefore = await cpuOf(servers[kind]);
          const result = await scenario.run(servers[kind].ready);
          add(tallies[kind], result, (await cpuOf(servers[kind])) - cpuBefore);
        }
        console.log(
          `  ${scenario.name.padEnd(34)} round ${round}: ` +
            KINDS.map((kind) => `${kind} ${rate(tallies[kind]).toFixed(0)}/s`).join(', ') +
            ' so far',
        );
      }
      if (outOfNewcomers) throw new Error(`${scenario.name}: out of newcomers (BENCH_NEWCOMERS)`);
      const errors = KINDS.map((kind) => `${tallies[kind].errors} ${kind}`);
      if (KINDS.some((kind) => tallies[kind].errors > 0)) {
        throw new Error(`${scenario.name}: errors: ${errors.join(', ')}`);
      }
      const { bare, recourse, plaintext } = tallies;
      rows.push(
        `| \`${scenario.name}\` | ${rate(recourse).toFixed(0)} | ${Math.max(...recourse.latencies)} ` +
          `| ${rate(plaintext).toFixed(0)} | ${rate(bare).toFixed(0)} ` +
          `| **${(rate(recourse) / rate(plaintext)).toFixed(3)}** ` +
          `| ${(rate(recourse) / rate(bare)).toFixed(3)} ` +
          `| ${cpuPerRequest(recourse).toFixed(0)} / ${cpuPerRequest(plaintext).toFixed(0)} |`,
      );
    }
    console.log('');
    console.log(
      '| path | Recourse req/s | Recourse p99 ms (worst round) | without encryption req/s ' +
        '| bare NestJS req/s | ratio to without encryption | ratio to bare ' +
        '| CPU µs per request, with / without encryption |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    await Promise.all(Object.values(servers).map(stop));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
