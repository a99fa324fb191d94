/**
 * recourse-verify (npm run verify-log): checks a Recourse transparency log offline.
 *
 *   recourse-verify --events export.ndjson --checkpoint cp.txt --key key.txt [--previous old-cp.txt]
 *
 * Exit 0 when every chain, the root, the signature and the consistency with the earlier
 * checkpoint hold; 1 naming what failed; 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { VerificationFailure } from './signed-note';
import { verifyLog } from './verify-log';

const USAGE =
  'usage: recourse-verify --events export.ndjson --checkpoint cp.txt --key key.txt [--previous older-cp.txt]';

async function main(): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        events: { type: 'string' },
        checkpoint: { type: 'string' },
        key: { type: 'string' },
        previous: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { events, checkpoint, key, previous } = values;
  if (!events || !checkpoint || !key) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  try {
    const report = await verifyLog({
      events,
      checkpoint,
      key,
      previous,
      onProgress: (n) => process.stderr.write(`… ${n} events checked\n`),
    });
    process.stdout.write(
      `OK: ${report.events} events in ${report.streams} streams, every chain intact; ` +
        `tree size ${report.treeSize} has the signed root ${report.root}` +
        (report.previousSize !== undefined
          ? `; consistent with the earlier checkpoint of size ${report.previousSize}`
          : '') +
        '\n',
    );
    return 0;
  } catch (error) {
    if (!(error instanceof VerificationFailure)) throw error;
    process.stderr.write(`FAILED: ${error.message}\n`);
    return 1;
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`FAILED: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
