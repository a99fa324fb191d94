import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainHash, genesisHash } from '@recourse/event-store';
import { checkpointBody, noteSigner } from '@recourse/transparency';
import { MerkleRoot } from '../../tools/recourse-verify/merkle-root';
import { verifyLog } from '../../tools/recourse-verify/verify-log';
import { log } from './database';

const EVENTS = Number(process.env.BENCH_LOG_EXPORT ?? 100_000);
const STREAMS = 5_000;

/** Seconds recourse-verify takes over an export of EVENTS chained events in STREAMS streams. */
export async function verifyExport() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-log-'));
  try {
    const heads = new Map<string, { revision: number; hash: string }>();
    const streams = Array.from({ length: STREAMS }, () => `case-${randomUUID()}`);
    const root = new MerkleRoot();
    const lines: string[] = [];
    for (let logIndex = 0; logIndex < EVENTS; logIndex++) {
      const stream = streams[logIndex % STREAMS];
      const head = heads.get(stream);
      const revision = head ? head.revision + 1 : 0;
      const prevHash = head ? head.hash : genesisHash(stream);
      const content = {
        type: 'NoteAdded',
        data: { text: 'a note of ordinary length for a case file', logIndex },
        actor: { id: 'cw-1', role: 'caseworker', authorityId: 'zhengzhou-health' },
        occurredAt: new Date(1_780_000_000_000 + logIndex * 1000).toISOString(),
      };
      const hash = chainHash(prevHash, { ...content, revision });
      heads.set(stream, { revision, hash });
      root.add(Buffer.from(hash, 'ascii'));
      lines.push(
        JSON.stringify({
          logIndex,
          stream,
          caseId: stream.slice(5),
          revision,
          ...content,
          prevHash,
          hash,
        }),
      );
    }
    const signer = noteSigner('bench.local/log', generateKeyPairSync('ed25519').privateKey);
    const files = {
      events: join(dir, 'export.ndjson'),
      checkpoint: join(dir, 'cp.txt'),
      key: join(dir, 'key.txt'),
    };
    writeFileSync(files.events, `${lines.join('\n')}\n`);
    writeFileSync(files.checkpoint, signer.sign(checkpointBody(signer.name, EVENTS, root.root())));
    writeFileSync(files.key, `${signer.verifierKey}\n`);
    const started = Date.now();
    const report = await verifyLog(files);
    const seconds = (Date.now() - started) / 1000;
    log(`verified ${report.events} events in ${seconds} s`);
    return {
      events: report.events,
      streams: report.streams,
      seconds,
      eventsPerSecond: Math.round(EVENTS / seconds),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
