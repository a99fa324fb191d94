import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { EventChains, type ExportedEvent } from './event-chains';
import { MerkleRoot } from './merkle-root';
import {
  parseVerifierKey,
  VerificationFailure,
  verifyCheckpointNote,
  type Checkpoint,
} from './signed-note';

export interface VerifyLogInput {
  /** NDJSON export of every event (GET /v1/audit/events with Accept: application/x-ndjson) */
  events: string;
  /** a signed checkpoint (GET /v1/log/checkpoint) */
  checkpoint: string;
  /** the verifier key (GET /v1/log/key) */
  key: string;
  /** an earlier checkpoint kept by whoever verifies: the log must have only grown since */
  previous?: string;
  onProgress?: (events: number) => void;
}

export interface VerifyLogReport {
  events: number;
  streams: number;
  treeSize: number;
  root: string;
  previousSize?: number;
}

/**
 * Recomputes every stream's chain and the tree over the export's leaves (each event's hash, in
 * logIndex order), checks the checkpoint's signature and root, and that the earlier checkpoint's
 * root is the root of the export's first leaves (so the log only grew). Throws
 * VerificationFailure naming the case, revision or tree size that failed.
 */
export async function verifyLog(input: VerifyLogInput): Promise<VerifyLogReport> {
  const key = parseVerifierKey(await readFile(input.key, 'utf8'));
  const checkpoint = verifyCheckpointNote(
    await readFile(input.checkpoint, 'utf8'),
    key,
    'checkpoint',
  );
  const previous = input.previous
    ? verifyCheckpointNote(await readFile(input.previous, 'utf8'), key, 'previous checkpoint')
    : undefined;
  if (previous && previous.treeSize > checkpoint.treeSize) {
    throw new VerificationFailure(
      `tree size ${checkpoint.treeSize}: smaller than the earlier checkpoint's ${previous.treeSize}: the log shrank`,
    );
  }
  const chains = new EventChains();
  const tree = new MerkleRoot();
  const rootAt = (expected: Checkpoint, label: string) => {
    if (tree.size !== expected.treeSize) return;
    const root = tree.root();
    if (!root.equals(expected.root)) {
      throw new VerificationFailure(
        `tree size ${expected.treeSize}: the export's first ${expected.treeSize} events have root ${root.toString('base64')}, ` +
          `the ${label} signed ${expected.root.toString('base64')}: history before it was rewritten`,
      );
    }
  };
  if (previous) rootAt(previous, 'earlier checkpoint');
  rootAt(checkpoint, 'checkpoint');
  const lines = createInterface({ input: createReadStream(input.events), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const event = parseLine(line, tree.size);
    if (event.logIndex !== tree.size) {
      throw new VerificationFailure(
        `logIndex ${tree.size}: the export has logIndex ${event.logIndex} there: an event is missing or out of order`,
      );
    }
    chains.check(event);
    tree.add(Buffer.from(event.hash, 'ascii'));
    if (previous) rootAt(previous, 'earlier checkpoint');
    rootAt(checkpoint, 'checkpoint');
    if (tree.size % 10_000 === 0) input.onProgress?.(tree.size);
  }
  if (tree.size < checkpoint.treeSize) {
    throw new VerificationFailure(
      `tree size ${checkpoint.treeSize}: the export holds only ${tree.size} events: events were deleted (or the export is cut short)`,
    );
  }
  return {
    events: tree.size,
    streams: chains.streams,
    treeSize: checkpoint.treeSize,
    root: checkpoint.root.toString('base64'),
    previousSize: previous?.treeSize,
  };
}

function parseLine(line: string, logIndex: number): ExportedEvent {
  let event: ExportedEvent;
  try {
    event = JSON.parse(line) as ExportedEvent;
  } catch {
    throw new VerificationFailure(`logIndex ${logIndex}: the export line is not JSON`);
  }
  const wellFormed =
    typeof event === 'object' &&
    event !== null &&
    Number.isInteger(event.logIndex) &&
    typeof event.stream === 'string' &&
    Number.isInteger(event.revision) &&
    typeof event.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(event.hash) &&
    typeof event.prevHash === 'string' &&
    typeof event.occurredAt === 'string';
  if (!wellFormed) {
    throw new VerificationFailure(`logIndex ${logIndex}: the export line is not an exported event`);
  }
  return event;
}
