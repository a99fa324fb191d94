import { caseStreamName, type Clock } from '@recourse/domain';
import type { EventStore, RecordedEvent } from '@recourse/event-store';
import { PersonalDataService } from '@recourse/personal-data';
import type { TestApp } from '../support/app';
import { appealBody, EXAMPLE_AUTHORITY } from '../support/fixtures';

export const AUTHORITY = EXAMPLE_AUTHORITY;
export const OTHER_AUTHORITY = 'henan-health';

export { appealBody };

export function petitionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'petition',
    authorityId: AUTHORITY,
    title: 'Publish the rules that turn a health code red',
    demand: 'Publish every rule and data source the health-code system uses.',
    appellant: { name: 'Wang', contact: 'wang@example.org' },
    ...overrides,
  };
}

/** Bearer tokens of the cast every API test uses. */
export interface Cast {
  owner: string;
  otherCitizen: string;
  caseworker: string;
  supervisor: string;
  otherCaseworker: string;
  otherSupervisor: string;
  oversight: string;
  admin: string;
}

export const CASEWORKER_ID = 'cw-zhengzhou';
export const SUPERVISOR_ID = 'sv-zhengzhou';

export async function castOf(app: TestApp): Promise<Cast> {
  return {
    owner: await app.token('citizen-liu', 'citizen'),
    otherCitizen: await app.token('citizen-wang', 'citizen'),
    caseworker: await app.token(CASEWORKER_ID, 'caseworker', AUTHORITY),
    supervisor: await app.token(SUPERVISOR_ID, 'supervisor', AUTHORITY),
    otherCaseworker: await app.token('cw-henan', 'caseworker', OTHER_AUTHORITY),
    otherSupervisor: await app.token('sv-henan', 'supervisor', OTHER_AUTHORITY),
    oversight: await app.token('ovs-1', 'oversight'),
    admin: await app.token('adm-1', 'admin'),
  };
}

/** Files a case as `token` and returns its id; fails the test if filing fails. */
export async function fileCase(app: TestApp, token: string, body = appealBody()): Promise<string> {
  const response = await app.http.post('/v1/cases').set('Authorization', token).send(body);
  if (response.status !== 201) {
    throw new Error(`filing failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body.id as string;
}

/** POSTs a command and insists that it succeeds (setup steps). */
export async function command(
  app: TestApp,
  token: string,
  caseId: string,
  action: string,
  body: object = {},
): Promise<{ revision: number; id?: string }> {
  const response = await app.http
    .post(`/v1/cases/${caseId}/${action}`)
    .set('Authorization', token)
    .send(body);
  if (response.status !== 200) {
    throw new Error(`${action} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as { revision: number; id?: string };
}

export async function streamOf(store: EventStore, caseId: string): Promise<RecordedEvent[]> {
  return store.readStream(caseStreamName(caseId));
}

/** The case's events with their personal values opened (as the app's views open them). */
export async function openedStreamOf(app: TestApp, caseId: string): Promise<RecordedEvent[]> {
  return app.app.get(PersonalDataService).open(await streamOf(app.eventStore, caseId));
}

export async function typesOf(store: EventStore, caseId: string): Promise<string[]> {
  return (await streamOf(store, caseId)).map((event) => event.type);
}

/**
 * How many events the store holds, counted in its table: readAll hides events of transactions
 * newer than the server's oldest running one, and other test files run transactions too.
 */
/** Events the commands appended: all but the read audit's records (access-<caseId> streams). */
export async function countAllEvents(app: TestApp): Promise<number> {
  const { rows } = await app.database.query<{ count: string }>(
    "SELECT count(*)::text AS count FROM event_store_events WHERE stream NOT LIKE 'access-%'",
  );
  return Number(rows[0].count);
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-06-15T02:00:00Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
