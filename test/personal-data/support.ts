import type { Database } from '@recourse/database';
import type { TestApp } from '../support/app';
import { appealBody, EXAMPLE_AUTHORITY } from '../support/fixtures';

/** Personal values no other field contains, so that finding one in a raw row means a leak. */
export const PERSONAL = {
  name: 'Zhao Xiaoyan-4f1c',
  contact: 'zhao.xiaoyan-4f1c@example.org',
  grounds: 'GROUNDS-4f1c: my code turned red after I joined the depositors meeting.',
  remedy: 'REMEDY-4f1c: restore my code.',
  answer: 'ANSWER-4f1c: I was at home all day.',
  evidence: 'EVIDENCE-4f1c: bank letter of 12 June.',
  note: 'NOTE-4f1c: the appellant is a depositor of the rural bank.',
  escalation: 'ESCALATION-4f1c: the decision ignores the bank letter.',
  withdrawal: 'WITHDRAWAL-4f1c: I moved abroad.',
} as const;

export const personalValues = (): string[] => Object.values(PERSONAL);

export interface Story {
  /** the appeal that was answered, noted, decided and escalated */
  appealId: string;
  /** the appeal withdrawn with a reason */
  withdrawnId: string;
  /** the citizen's petition, signed by another citizen */
  petitionId: string;
  /** the position of the last command */
  position: string;
}

/**
 * A citizen's whole story with every personal field of DESIGN.md's list: filing (name, contact,
 * grounds, remedy), an answer, evidence, a staff note, escalation grounds, a withdrawal reason,
 * a petition and a signature.
 */
export async function tellStory(
  t: TestApp,
  tokens: { owner: string; signer: string; caseworker: string },
): Promise<Story> {
  const post = async (path: string, token: string, body: object = {}, status = 200) =>
    (await t.http.post(path).set('Authorization', token).send(body).expect(status)).body as {
      id: string;
      position: string;
    };
  const appellant = { name: PERSONAL.name, contact: PERSONAL.contact };
  const appeal = await post(
    '/v1/cases',
    tokens.owner,
    appealBody({ grounds: PERSONAL.grounds, remedy: PERSONAL.remedy, appellant }),
    201,
  );
  const path = `/v1/cases/${appeal.id}`;
  await post(`${path}/acknowledge`, tokens.caseworker);
  await post(`${path}/request-information`, tokens.caseworker, { question: 'Where were you?' });
  await post(`${path}/information`, tokens.owner, { message: PERSONAL.answer });
  await post(`${path}/evidence`, tokens.owner, { description: PERSONAL.evidence });
  await post(`${path}/notes`, tokens.caseworker, { text: PERSONAL.note });
  await post(`${path}/decision`, tokens.caseworker, {
    outcome: 'upheld',
    reasons: 'The scan record stands.',
  });
  await post(`${path}/escalate`, tokens.owner, { grounds: PERSONAL.escalation });

  const withdrawn = await post('/v1/cases', tokens.owner, appealBody({ appellant }), 201);
  await post(`/v1/cases/${withdrawn.id}/withdraw`, tokens.owner, { reason: PERSONAL.withdrawal });

  const petition = await post(
    '/v1/cases',
    tokens.owner,
    {
      kind: 'petition',
      authorityId: EXAMPLE_AUTHORITY,
      title: 'Publish the rules that turn a health code red',
      demand: 'Publish every rule and data source the health-code system uses.',
      appellant,
    },
    201,
  );
  const signed = await post(`/v1/cases/${petition.id}/signatures`, tokens.signer);
  return {
    appealId: appeal.id,
    withdrawnId: withdrawn.id,
    petitionId: petition.id,
    position: signed.position,
  };
}

/** Every row of every table of the test schema, as text: what anyone with database access reads. */
export async function rawRows(db: Database): Promise<Map<string, string[]>> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const all = new Map<string, string[]>();
  for (const { table_name: table } of tables) {
    const { rows } = await db.query<{ row: string }>(
      `SELECT to_jsonb(t)::text AS row FROM "${table}" t ORDER BY to_jsonb(t)::text`,
    );
    all.set(
      table,
      rows.map((row) => row.row),
    );
  }
  return all;
}

/** The personal values found in clear, as "table: value". */
export function leaks(rows: Map<string, string[]>, values: readonly string[]): string[] {
  const found: string[] = [];
  for (const [table, texts] of rows) {
    for (const value of values) {
      if (texts.some((text) => text.includes(value))) found.push(`${table}: ${value}`);
    }
  }
  return found;
}
