import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainHash, genesisHash, type RecordedEvent } from '@recourse/event-store';
import { checkpointBody, noteSigner } from '@recourse/transparency';
import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/eventually';
import { appealBody } from '../support/fixtures';
import { quietNestLogs } from '../projections/support';
import { readEverything, treeOfEvents } from './support';

const CLI = join(__dirname, '../../tools/recourse-verify/cli.ts');

/** runs the offline verifier as an oversight body would */
function recourseVerify(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', CLI, ...args], {
      cwd: join(__dirname, '../..'),
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

/** recourse-verify --events … --checkpoint … --key … [--previous …] */
const verify = (events: string, checkpoint: string, key: string, previous?: string) =>
  recourseVerify([
    ...['--events', events, '--checkpoint', checkpoint, '--key', key],
    ...(previous ? ['--previous', previous] : []),
  ]);

describe('recourse-verify detects a rewritten history (PostgreSQL, edited directly)', () => {
  let t: TestApp;
  let dir: string;
  let oversight: string;

  beforeEach(async () => {
    quietNestLogs();
    dir = mkdtempSync(join(tmpdir(), 'recourse-verify-'));
    t = await startTestApp({ worker: true, env: { RECOURSE_CHECKPOINT_INTERVAL: 'PT0.1S' } });
    oversight = await t.token('ovs-1', 'oversight');
    await fileCases(3);
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function fileCases(count: number): Promise<void> {
    const citizen = await t.token('citizen-liu', 'citizen');
    const caseworker = await t.token('cw-1', 'caseworker', 'zhengzhou-health');
    for (let i = 0; i < count; i++) {
      const { body } = await t.http
        .post('/v1/cases')
        .set('Authorization', citizen)
        .send(appealBody())
        .expect(201);
      await t.http
        .post(`/v1/cases/${body.id}/acknowledge`)
        .set('Authorization', caseworker)
        .send({})
        .expect(200);
    }
  }

  const storedEvents = async () =>
    Number(
      (await t.database.query<{ n: string }>('SELECT count(*)::text AS n FROM event_store_events'))
        .rows[0].n,
    );

  /** saves the served checkpoint once it covers every event stored */
  async function saveCheckpoint(name: string): Promise<string> {
    const stored = await storedEvents();
    const note = await eventually(async () => {
      const { text } = await t.http.get('/v1/log/checkpoint').expect(200);
      return text.split('\n')[1] === String(stored) && text;
    });
    return save(name, note);
  }

  function save(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  async function exportLog(name: string): Promise<string> {
    const response = await t.http
      .get('/v1/audit/events')
      .set('Authorization', oversight)
      .set('Accept', 'application/x-ndjson')
      .buffer(true)
      .parse((res, callback) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => callback(null, text));
      })
      .expect(200);
    return save(name, response.body as string);
  }

  const keyFile = async () => save('key.txt', (await t.http.get('/v1/log/key').expect(200)).text);

  /** what an operator holding the signing key could publish after rewriting the store */
  async function forgedCheckpoint(name: string): Promise<string> {
    const events = await readEverything(t.eventStore);
    const root = await treeOfEvents(events).root(events.length);
    const signer = noteSigner(
      t.config.transparencyLog.origin,
      t.config.transparencyLog.signingKey!,
    );
    return save(name, signer.sign(checkpointBody(signer.name, events.length, root)));
  }

  it('passes an untouched log, with consistency to an earlier checkpoint', async () => {
    const earlier = await saveCheckpoint('cp-1.txt');
    await fileCases(2);
    const latest = await saveCheckpoint('cp-2.txt');
    const events = await exportLog('export.ndjson');
    const result = await verify(events, latest, await keyFile(), earlier);
    expect(result.out).toMatch(
      /^OK: 10 events in \d+ streams, every chain intact; tree size 10 .* earlier checkpoint of size 6/,
    );
    expect(result.code).toBe(0);
  });

  it("fails on one case's events rewritten with their chain recomputed, even under a re-signed checkpoint", async () => {
    const earlier = await saveCheckpoint('cp-1.txt');
    const [victim] = (await readEverything(t.eventStore)).filter((e) =>
      e.stream.startsWith('case-'),
    );
    const stream = victim.stream;
    const events = await t.eventStore.readStream(stream);
    let prevHash = genesisHash(stream);
    for (const event of events) {
      const data =
        event.revision === 0
          ? { ...(event.data as object), grounds: 'I withdraw every complaint.' }
          : event.data;
      const hash = chainHash(prevHash, { ...rewritten(event, data), revision: event.revision });
      await t.database.query(
        `UPDATE event_store_events SET data = $3::jsonb,
           metadata = metadata || jsonb_build_object('prevHash', $4::text, 'hash', $5::text)
         WHERE stream = $1 AND revision = $2`,
        [stream, event.revision, JSON.stringify(data), prevHash, hash],
      );
      prevHash = hash;
    }
    const exported = await exportLog('rewritten.ndjson');
    const key = await keyFile();

    // the chains alone do not show it: the forged history verifies against a re-signed checkpoint
    const forged = await forgedCheckpoint('forged.txt');
    const fooled = await verify(exported, forged, key);
    expect(fooled.code).toBe(0);

    // but not against the checkpoint an oversight body kept
    const caught = await verify(exported, forged, key, earlier);
    expect(caught.code).toBe(1);
    expect(caught.out).toMatch(/^FAILED: tree size 6: .* history before it was rewritten/);

    // nor against what the log itself keeps signing (its tree still holds the true hashes)
    const served = await saveCheckpoint('served.txt');
    const served_ = await verify(exported, served, key);
    expect(served_.code).toBe(1);
    expect(served_.out).toMatch(/^FAILED: tree size 6: /);
  });

  it('fails on the last event deleted', async () => {
    const earlier = await saveCheckpoint('cp-1.txt');
    await t.database.query(
      `DELETE FROM event_store_events WHERE (transaction_id, global_position) =
         (SELECT transaction_id, global_position FROM event_store_events ORDER BY 1 DESC, 2 DESC LIMIT 1)`,
    );
    const exported = await exportLog('shorter.ndjson');
    const key = await keyFile();
    const cut = await verify(exported, earlier, key);
    expect(cut.code).toBe(1);
    expect(cut.out).toMatch(/^FAILED: tree size 6: the export holds only 5 events/);
    const forged = await forgedCheckpoint('forged.txt');
    const shrank = await verify(exported, forged, key, earlier);
    expect(shrank.code).toBe(1);
    expect(shrank.out).toMatch(
      /^FAILED: tree size 5: smaller than the earlier checkpoint's 6: the log shrank/,
    );
  });

  it('fails on two events of different streams swapped in the global order', async () => {
    const earlier = await saveCheckpoint('cp-1.txt');
    // the last two events: a case's acknowledgement and the next case's filing
    await t.database.query(`
      WITH last AS (
        SELECT transaction_id, global_position, row_number() OVER (ORDER BY transaction_id DESC, global_position DESC) AS k
        FROM event_store_events ORDER BY 1 DESC, 2 DESC LIMIT 3
      ), pair AS (SELECT a.transaction_id AS at, a.global_position AS ag, b.transaction_id AS bt, b.global_position AS bg
                  FROM last a, last b WHERE a.k = 2 AND b.k = 3)
      UPDATE event_store_events e SET transaction_id = CASE WHEN e.global_position = pair.ag THEN pair.bt ELSE pair.at END,
                                      global_position = CASE WHEN e.global_position = pair.ag THEN pair.bg ELSE pair.ag END
      FROM pair WHERE e.global_position IN (pair.ag, pair.bg)`);
    const exported = await exportLog('reordered.ndjson');
    const key = await keyFile();
    const forged = await forgedCheckpoint('forged.txt');
    const caught = await verify(exported, forged, key, earlier);
    expect(caught.code).toBe(1);
    expect(caught.out).toMatch(/^FAILED: tree size 6: .* history before it was rewritten/);
  });

  it('names the case and revision of a chain that does not hold, and refuses bad usage', async () => {
    const checkpoint = await saveCheckpoint('cp.txt');
    const [victim] = (await readEverything(t.eventStore)).filter((e) =>
      e.stream.startsWith('case-'),
    );
    await t.database.query(
      `UPDATE event_store_events SET data = jsonb_set(data, '{grounds}', '"edited"') WHERE stream = $1 AND revision = 0`,
      [victim.stream],
    );
    const exported = await exportLog('edited.ndjson');
    const result = await verify(exported, checkpoint, await keyFile());
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `FAILED: case ${victim.stream.slice('case-'.length)}, revision 0 (logIndex 0): hash does not match`,
    );
    expect((await recourseVerify(['--events', exported])).code).toBe(2);
  });
});

function rewritten(event: RecordedEvent, data: unknown) {
  return {
    type: event.type,
    data,
    actor: event.metadata.actor,
    occurredAt: event.metadata.occurredAt,
  };
}
