import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { VerificationFailure } from './signed-note';

/** One line of the NDJSON export (GET /v1/audit/events, Accept: application/x-ndjson). */
export interface ExportedEvent {
  logIndex: number;
  stream: string;
  caseId: string | null;
  revision: number;
  type: string;
  data: unknown;
  actor: unknown;
  occurredAt: string;
  prevHash: string;
  hash: string;
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Every stream's hash chain, checked event by event in log order:
 * hash = hex(SHA-256(prevHash + "\n" + JCS({ type, data, actor, occurredAt, revision }))), the
 * first prevHash being hex(SHA-256(stream)).
 */
export class EventChains {
  private readonly heads = new Map<string, { revision: number; hash: string }>();

  check(event: ExportedEvent): void {
    const head = this.heads.get(event.stream);
    const where = `${event.caseId ? `case ${event.caseId}` : `stream ${event.stream}`}, revision ${event.revision} (logIndex ${event.logIndex})`;
    const revision = head ? head.revision + 1 : 0;
    if (event.revision !== revision) {
      throw new VerificationFailure(
        `${where}: expected revision ${revision}: an event is missing or out of order`,
      );
    }
    const prevHash = head ? head.hash : sha256Hex(event.stream);
    if (event.prevHash !== prevHash) {
      throw new VerificationFailure(`${where}: prevHash is not the hash of the event before it`);
    }
    const { type, data, actor, occurredAt } = event;
    const canonical = canonicalize({ type, data, actor, occurredAt, revision });
    if (canonical === undefined || event.hash !== sha256Hex(`${prevHash}\n${canonical}`)) {
      throw new VerificationFailure(`${where}: hash does not match the event's content`);
    }
    this.heads.set(event.stream, { revision, hash: event.hash });
  }

  get streams(): number {
    return this.heads.size;
  }
}
