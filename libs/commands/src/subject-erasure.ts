import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { CLOCK, DATABASE } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import {
  DomainError,
  hasEnded,
  type Actor,
  type CaseStatus,
  type Clock,
  type ErasureReason,
} from '@recourse/domain';
import { PersonalDataService } from '@recourse/personal-data';
import { CaseCommandService } from './case-command.service';

export interface ErasedCase {
  caseId: string;
  revision: number;
  /** false when the case holds personal values written in clear before encryption */
  fullyErased: boolean;
}

export interface ErasureReport {
  subject: string;
  /** ids of the subject's destroyed data keys */
  keys: string[];
  cases: ErasedCase[];
}

/**
 * Crypto-shredding of one subject: destroys their data key first (from then on nothing sealed
 * under it opens, in any process), then appends PersonalDataErased to each case they own, then
 * destroys any key a racing command made meanwhile. A racing command's value is erased too if it
 * lands before the erasure's event; one that runs after the erasure is kept under a new key.
 * Repeating an erasure appends nothing and reports the same.
 */
@Injectable()
export class SubjectErasure {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly personalData: PersonalDataService,
    private readonly commands: CaseCommandService,
  ) {}

  /** The report, or undefined when the subject is unknown (no key, no case). */
  async erase(
    subject: string,
    actor: Actor,
    options: { reason: ErasureReason; correlationId: string },
  ): Promise<ErasureReport | undefined> {
    if (actor.role === 'citizen' && actor.id !== subject)
      throw new ForbiddenException('a citizen may erase only their own personal data');
    const { rows: owned } = await this.db.query<{ id: string; status: CaseStatus }>(
      'SELECT id::text, status FROM cases WHERE owner_id = $1 ORDER BY filed_at, id',
      [subject],
    );
    if (actor.role === 'citizen') {
      const open = owned.filter((row) => !hasEnded(row.status));
      if (open.length > 0) {
        throw new DomainError(
          'invalid-transition',
          `${open.length} of your cases are not closed or withdrawn: withdraw them or wait until they close`,
        );
      }
    }
    const now = this.clock.now();
    const keys = (await this.personalData.keys.destroy(subject, now)) ?? [];
    if (keys.length === 0 && owned.length === 0) return undefined;
    const cases: ErasedCase[] = [];
    for (const { id } of owned) {
      const outcome = await this.commands.execute(
        id,
        { type: 'ErasePersonalData', subject, reason: options.reason, keys },
        { actor, correlationId: options.correlationId },
      );
      cases.push({
        caseId: id,
        revision: outcome.revision,
        fullyErased: !outcome.state.plaintextPersonalData,
      });
    }
    // a command racing the erasure may have sealed under a key made after the first destroy and
    // landed before PersonalDataErased: destroy what was made meanwhile, so nothing before the
    // erasure in any stream opens (all the subject's destroyed keys come back)
    const destroyed = owned.length > 0 ? await this.personalData.keys.destroy(subject, now) : keys;
    return { subject, keys: destroyed ?? keys, cases };
  }
}
