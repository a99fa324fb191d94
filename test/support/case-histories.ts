import { randomUUID } from 'node:crypto';
import {
  decide,
  DomainError,
  evolve,
  examplePolicyJson,
  initialState,
  loadPolicy,
  SCHEMA_VERSION,
  type Actor,
  type CaseCommand,
  type CaseState,
  type Policy,
} from '@recourse/domain';
import type { NewEvent } from '@recourse/event-store';

const CITIES = 40;
const PROVINCES = 8;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** 40 city authorities escalating to 8 provinces escalating to the national ombudsman. */
export const SCALE_AUTHORITIES = [
  ...Array.from({ length: CITIES }, (_, i) => ({
    id: `city-${String(i).padStart(2, '0')}`,
    name: `City ${i} Administration`,
    calendar: 'cn',
    escalatesTo: `province-${i % PROVINCES}`,
  })),
  ...Array.from({ length: PROVINCES }, (_, i) => ({
    id: `province-${i}`,
    name: `Province ${i} Review Office`,
    calendar: 'cn',
    escalatesTo: 'national-ombudsman',
  })),
  { id: 'national-ombudsman', name: 'National Ombudsman', calendar: 'cn' },
];

export const scalePolicy: Policy = loadPolicy({
  ...examplePolicyJson,
  version: 'scale-1',
  authorities: SCALE_AUTHORITIES,
});

/** Decision types, each mostly made at one level of automation. */
const DECISION_TYPES = [
  ['health-code', 'full'],
  ['travel-ban', 'partial'],
  ['benefit-eligibility', 'partial'],
  ['tax-assessment', 'full'],
  ['parking-fine', 'full'],
  ['school-placement', 'none'],
  ['visa-screening', 'partial'],
  ['fraud-flag', 'full'],
  ['housing-priority', 'unknown'],
  ['credit-score', 'full'],
] as const;
const AUTOMATIONS = ['full', 'partial', 'none', 'unknown'] as const;
const OUTCOMES = [
  ['upheld', 0.45],
  ['overturned', 0.25],
  ['partially_overturned', 0.15],
  ['rejected', 0.15],
] as const;

/** A small deterministic PRNG (mulberry32): the same seed gives the same data set. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface History {
  caseId: string;
  ownerId: string;
  events: NewEvent[];
}

/**
 * One case's realistic history, decided by the domain (so every event is one the API could
 * have appended): filed at a time spread over `days` before `now`, then acknowledged, assigned,
 * asked for information, decided, escalated, closed or withdrawn as far as its age allows. A
 * command the decider refuses ends the history there.
 */
export function caseHistory(
  next: () => number,
  now: number,
  days: number,
  citizens: number,
): History {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const caseId = randomUUID();
  const ownerId = `citizen-${Math.floor(next() * citizens)}`;
  const owner: Actor = { id: ownerId, role: 'citizen' };
  const system: Actor = { id: 'system', role: 'system' };
  const staff = (state: CaseState): Actor => ({
    id: `cw-${state.authorityId}-${Math.floor(next() * 5)}`,
    role: 'caseworker',
    authorityId: state.authorityId!,
  });
  // more recent days are busier: the load grows over the years
  let at = now - Math.floor(next() ** 1.5 * days * DAY) - Math.floor(next() * DAY);
  const authorityId = SCALE_AUTHORITIES[Math.floor(next() ** 1.5 * CITIES)].id;
  const petition = next() < 0.08;
  const [type, usual] = pick(DECISION_TYPES);
  const automation = next() < 0.85 ? usual : pick(AUTOMATIONS);
  const file: CaseCommand = petition
    ? {
        type: 'FileCase',
        caseId,
        reference: `RC-S-${caseId.slice(0, 8)}`,
        kind: 'petition',
        authorityId,
        priority: 'standard',
        appellant: { name: 'Seeded Citizen', contact: `${ownerId}@example.org` },
        title: `Review the ${type} rules`,
        demand: 'Publish how the automated system decides and let people contest it.',
      }
    : {
        type: 'FileCase',
        caseId,
        reference: `RC-S-${caseId.slice(0, 8)}`,
        kind: 'appeal',
        authorityId,
        priority: next() < 0.2 ? 'urgent' : 'standard',
        appellant: { name: 'Seeded Citizen', contact: `${ownerId}@example.org` },
        decision: {
          reference: `D-${caseId.slice(0, 6)}`,
          type,
          outcome: 'refused',
          issuedAt: new Date(at - 3 * DAY).toISOString(),
          statedReason: null,
          automation,
        },
        grounds: 'The automated decision got my situation wrong; the records show otherwise.',
        remedy: 'Correct the decision.',
      };

  let state = initialState;
  const events: NewEvent[] = [];
  const run = (command: CaseCommand, actor: Actor): boolean => {
    if (at > now) return false;
    let decided;
    try {
      decided = decide(command, state, { actor, now: new Date(at), policy: scalePolicy });
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
    const metadata = {
      actor,
      occurredAt: new Date(at).toISOString(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: SCHEMA_VERSION,
    };
    for (const event of decided) {
      events.push({ id: randomUUID(), type: event.type, data: event.data, metadata });
      state = evolve(state, event);
    }
    return true;
  };
  const later = (minMs: number, maxMs: number) =>
    (at += minMs + Math.floor(next() * (maxMs - minMs)));

  run(file, owner);
  if (petition) {
    for (let i = Math.floor(next() * 6); i > 0; i--) {
      later(HOUR, 5 * DAY);
      run(
        { type: 'SignPetition' },
        { id: `citizen-${Math.floor(next() * citizens)}`, role: 'citizen' },
      );
    }
    later(HOUR, 4 * DAY);
    run({ type: 'AcknowledgeCase' }, staff(state));
    // most petitions that do not gather support are withdrawn in the end
    later(30 * DAY, 90 * DAY);
    if (next() < 0.7) run({ type: 'WithdrawCase', reason: 'Not enough support.' }, owner);
    return { caseId, ownerId, events };
  }
  // up to two authorities: the first, and the one above it after an escalation
  for (let stint = 0; stint < 2; stint++) {
    later(2 * HOUR, 3 * DAY);
    if (next() < 0.01 || !run({ type: 'AcknowledgeCase' }, staff(state))) break;
    const caseworker = staff(state);
    later(HOUR, DAY);
    run({ type: 'AssignCase', caseworkerId: caseworker.id }, caseworker);
    if (next() < 0.3) {
      later(HOUR, 2 * DAY);
      run({ type: 'AddNote', noteId: randomUUID(), text: 'Checked the system logs.' }, caseworker);
    }
    if (next() < 0.15) {
      later(DAY, 4 * DAY);
      const requestId = randomUUID();
      run({ type: 'RequestInformation', requestId, question: 'Which date was it?' }, caseworker);
      if (next() < 0.85) {
        later(HOUR, 6 * DAY);
        run({ type: 'ProvideInformation', message: 'It was the 13th.' }, owner);
      } else break;
    }
    if (next() < 0.03) {
      later(DAY, 10 * DAY);
      run({ type: 'WithdrawCase', reason: 'Resolved elsewhere.' }, owner);
      break;
    }
    later(DAY, 30 * DAY);
    let r = next();
    const outcome = OUTCOMES.find(([, share]) => (r -= share) < 0)?.[0] ?? 'upheld';
    if (!run({ type: 'IssueDecision', outcome, reasons: 'Reasons given in writing.' }, caseworker))
      break;
    if (outcome !== 'overturned' && next() < 0.12) {
      later(HOUR, 10 * DAY);
      if (run({ type: 'RequestEscalation', grounds: 'The review missed my evidence.' }, owner))
        continue;
    }
    later(16 * DAY, 20 * DAY);
    run({ type: 'CloseCase' }, system);
    break;
  }
  return { caseId, ownerId, events };
}
