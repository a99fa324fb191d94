import type { Sql } from '@recourse/database';

/** A petition as anyone may see it: what it asks, of whom, how much support, and the answer. */
export interface PublicPetition {
  id: string;
  reference: string;
  title: string;
  demand: string;
  authorityId: string;
  status: string;
  /** signers appear only as this count */
  signatures: number;
  filedAt: string;
  /** the decision of the authority now holding it: outcome, reasons, remedy; null until then */
  response: { outcome: string; reasons: string; remedy: string | null; decidedAt: string } | null;
}

interface PetitionRow {
  id: string;
  reference: string;
  details: { title: string; demand: string };
  authority_id: string;
  status: string;
  signatures: number | null;
  filed_at: string;
  decision: { outcome: string; reasons: string; remedy?: string } | null;
  decided_at: string | null;
}

const SELECT = `
  SELECT c.id::text, c.reference, c.details, c.authority_id, c.status, s.signatures,
         to_jsonb(c.filed_at) #>> '{}' AS filed_at, c.decision,
         to_jsonb(c.decided_at) #>> '{}' AS decided_at
    FROM cases c LEFT JOIN petition_signatures s ON s.case_id = c.id
   WHERE c.kind = 'petition'`;

const toPublic = (row: PetitionRow): PublicPetition => ({
  id: row.id,
  reference: row.reference,
  title: row.details.title,
  demand: row.details.demand,
  authorityId: row.authority_id,
  status: row.status,
  signatures: row.signatures ?? 0,
  filedAt: new Date(row.filed_at).toISOString(),
  response:
    row.decision && row.decided_at
      ? {
          outcome: row.decision.outcome,
          reasons: row.decision.reasons,
          remedy: row.decision.remedy ?? null,
          decidedAt: new Date(row.decided_at).toISOString(),
        }
      : null,
});

/** The most recently filed petitions, newest first (at most `limit`). */
export async function publicPetitions(db: Sql, limit: number): Promise<PublicPetition[]> {
  const { rows } = await db.query<PetitionRow>(
    `${SELECT} ORDER BY c.filed_at DESC, c.id LIMIT $1`,
    [limit],
  );
  return rows.map(toPublic);
}

/** One petition, or null when there is no petition with that id. */
export async function publicPetition(db: Sql, id: string): Promise<PublicPetition | null> {
  const { rows } = await db.query<PetitionRow>(`${SELECT} AND c.id = $1::uuid`, [id]);
  return rows.length > 0 ? toPublic(rows[0]) : null;
}
