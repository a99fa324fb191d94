import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { STAFF_MEMBER_ROLES, type StaffMemberViewDto } from '@recourse/contracts';
import type { Actor } from '@recourse/domain';
import { migrate, type Database, type Migration } from '@recourse/database';
import { DATABASE } from '@recourse/infrastructure';

export type StaffMember = StaffMemberViewDto;
type StaffRole = StaffMember['role'];

const MIGRATIONS: Migration[] = [
  {
    id: '001-staff-directory',
    sql: `
      -- who is staff of which authority: not derived from events, so never rebuilt
      CREATE TABLE staff_directory (
        staff_id text PRIMARY KEY,
        authority_id text NOT NULL,
        role text NOT NULL,
        source text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX staff_directory_authority_idx ON staff_directory (authority_id, staff_id);
    `,
  },
];

const UPSERT = `
  INSERT INTO staff_directory (staff_id, authority_id, role, source) VALUES ($1, $2, $3, $4)
  ON CONFLICT (staff_id) DO UPDATE
     SET authority_id = EXCLUDED.authority_id, role = EXCLUDED.role, source = EXCLUDED.source,
         updated_at = now()
   WHERE (staff_directory.authority_id, staff_directory.role, staff_directory.source)
         IS DISTINCT FROM (EXCLUDED.authority_id, EXCLUDED.role, EXCLUDED.source)`;

const COLUMNS = `staff_id AS "staffId", authority_id AS "authorityId", role, source,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"`;

/** Identities already recorded by this process; bounded, as a token's claims rarely change. */
const MAX_REMEMBERED = 10_000;

/**
 * Who belongs where: staff are recorded from their verified tokens as they are seen (the token
 * names their authority; the latest one wins), and admins may record them ahead of their first
 * call. Assigning a case asks it whether the assignee is staff of the authority holding it.
 */
@Injectable()
export class StaffDirectory implements OnModuleInit {
  private readonly remembered = new Set<string>();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onModuleInit(): Promise<void> {
    await migrate(this.db, 'staff-directory', MIGRATIONS);
  }

  /** Records a staff caller from their verified token; one write per identity per process. */
  async seen(actor: Actor): Promise<void> {
    if (!this.isNew(actor)) return;
    const key = JSON.stringify([actor.id, actor.role, actor.authorityId]);
    await this.db.query(UPSERT, [actor.id, actor.authorityId, actor.role, 'token']);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    this.remembered.add(key);
  }

  /** A staff caller this process has not recorded yet (seen() has something to write). */
  isNew(actor: Actor): boolean {
    if (!isStaffRole(actor.role) || actor.authorityId === undefined) return false;
    return !this.remembered.has(JSON.stringify([actor.id, actor.role, actor.authorityId]));
  }

  async record(
    member: Pick<StaffMember, 'staffId' | 'authorityId' | 'role'>,
  ): Promise<StaffMember> {
    await this.db.query(UPSERT, [member.staffId, member.authorityId, member.role, 'admin']);
    return (await this.find(member.staffId))!;
  }

  async find(staffId: string): Promise<StaffMember | undefined> {
    const { rows } = await this.db.query<StaffMember>(
      `SELECT ${COLUMNS} FROM staff_directory WHERE staff_id = $1`,
      [staffId],
    );
    return rows[0];
  }

  async list(authorityId?: string): Promise<StaffMember[]> {
    const { rows } = await this.db.query<StaffMember>(
      `SELECT ${COLUMNS} FROM staff_directory
        WHERE $1::text IS NULL OR authority_id = $1 ORDER BY authority_id, staff_id LIMIT 1000`,
      [authorityId ?? null],
    );
    return rows;
  }
}

const isStaffRole = (role: string): role is StaffRole =>
  (STAFF_MEMBER_ROLES as readonly string[]).includes(role);
