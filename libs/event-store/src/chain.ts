import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The tamper-evident hash chain, in the one place that defines it (DESIGN.md, "Rules that must
 * hold"). Anyone can recompute it without our code:
 *   hash = hex(SHA-256(prevHash + "\n" + JCS({ type, data, actor, occurredAt, revision })))
 * where the first event's prevHash is hex(SHA-256(stream)), i.e. hex(SHA-256("case-" + caseId)).
 */

export interface ChainedContent {
  type: string;
  data: unknown;
  actor: unknown;
  occurredAt: string;
  /** the event's 0-based position in its stream */
  revision: number;
}

export interface ChainedEvent {
  revision: number;
  type: string;
  data: unknown;
  metadata: { actor: unknown; occurredAt: string; prevHash: string; hash: string };
}

export interface ChainVerdict {
  verified: boolean;
  /** revision of the first event that does not check out */
  firstBrokenRevision: number | null;
  reason: string | null;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function genesisHash(stream: string): string {
  return sha256Hex(stream);
}

export function chainHash(prevHash: string, content: ChainedContent): string {
  const { type, data, actor, occurredAt, revision } = content;
  const canonical = canonicalize({ type, data, actor, occurredAt, revision });
  if (canonical === undefined)
    throw new Error(`event at revision ${revision} cannot be canonicalised`);
  return sha256Hex(`${prevHash}\n${canonical}`);
}

/**
 * Checks a whole stream, in the order given (revision order): revisions must run 0, 1, 2, …, each
 * prevHash must be the previous event's hash (the genesis hash for the first), and each hash must
 * match the event's content. Catches an edited, a reordered and a deleted event (not a deleted
 * tail: the chain alone cannot tell a truncated stream from a shorter one).
 */
export function verifyChain(stream: string, events: readonly ChainedEvent[]): ChainVerdict {
  let expectedPrevHash = genesisHash(stream);
  for (const [index, event] of events.entries()) {
    const broken = (reason: string): ChainVerdict => ({
      verified: false,
      firstBrokenRevision: event.revision,
      reason,
    });
    if (event.revision !== index) {
      return broken(
        `expected revision ${index}, found ${event.revision}: an event is missing or out of order`,
      );
    }
    if (event.metadata.prevHash !== expectedPrevHash) {
      return broken(`prevHash of revision ${index} is not the hash of the event before it`);
    }
    const recomputed = chainHash(expectedPrevHash, {
      type: event.type,
      data: event.data,
      actor: event.metadata.actor,
      occurredAt: event.metadata.occurredAt,
      revision: event.revision,
    });
    if (event.metadata.hash !== recomputed) {
      return broken(`hash of revision ${index} does not match its content`);
    }
    expectedPrevHash = event.metadata.hash;
  }
  return { verified: true, firstBrokenRevision: null, reason: null };
}
