import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { caseReads, type CaseReadItem } from '@recourse/audit';
import { CurrentActor, Roles } from '@recourse/auth';
import type { Database } from '@recourse/database';
import {
  caseStreamName,
  INTERNAL_EVENT_TYPES,
  type Actor,
  type CaseEventType,
  type Clock,
  type Policy,
} from '@recourse/domain';
import type { EventStore, RecordedEvent } from '@recourse/event-store';
import { CLOCK, DATABASE, EVENT_STORE, POLICY } from '@recourse/infrastructure';
import { PersonalDataService } from '@recourse/personal-data';
import { getCase, listMine, type CaseSummary, type CaseView } from '@recourse/read-models';

export interface ExportedEvent {
  revision: number;
  type: string;
  occurredAt: string;
  actor: { role: string };
  data: unknown;
}

export interface PersonalDataExport {
  subject: string;
  exportedAt: string;
  cases: { case: CaseView; events: ExportedEvent[]; accessRecords: CaseReadItem[] }[];
}

/**
 * What the citizen may take away (right of access and portability): each of their cases as the
 * case view shows it, its events, and who read it, with their personal values opened. Internal
 * notes stay internal; a petition's signatures show as counts (the signers are other people).
 */
function exportedEvent(event: RecordedEvent): ExportedEvent | undefined {
  if (INTERNAL_EVENT_TYPES.includes(event.type as CaseEventType)) return undefined;
  const data =
    event.type === 'PetitionSigned'
      ? { signatures: (event.data as { signatures: number }).signatures }
      : event.data;
  const actor = event.metadata.actor as { role: string };
  return {
    revision: event.revision,
    type: event.type,
    occurredAt: event.metadata.occurredAt,
    actor: { role: actor.role },
    data,
  };
}

@ApiTags('personal data')
@Controller('v1/me')
export class PersonalDataExportController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly personalData: PersonalDataService,
  ) {}

  @Get('export')
  @Roles('citizen')
  @ApiOperation({
    summary: "the caller's cases, their events and access records, as JSON (decrypted)",
  })
  @ApiOkResponse({
    description: '{ subject, exportedAt, cases: [{ case, events, accessRecords }] }',
    schema: {
      type: 'object',
      required: ['subject', 'exportedAt', 'cases'],
      properties: {
        subject: { type: 'string' },
        exportedAt: { type: 'string', format: 'date-time' },
        cases: { type: 'array', items: { type: 'object', additionalProperties: true } },
      },
    },
  })
  async export(@CurrentActor() actor: Actor): Promise<PersonalDataExport> {
    const now = this.clock.now();
    const cases: PersonalDataExport['cases'] = [];
    for (const summary of await this.allCasesOf(actor.id, now)) {
      const view = await getCase(this.db, summary.id, {
        policy: this.policy,
        now,
        includeInternalNotes: false,
      });
      if (!view) continue;
      const events = await this.store.readStream(caseStreamName(summary.id));
      cases.push({
        case: view,
        events: events.map(exportedEvent).filter((event) => event !== undefined),
        accessRecords: await caseReads(this.store, summary.id),
      });
    }
    return this.personalData.open({ subject: actor.id, exportedAt: now.toISOString(), cases });
  }

  private async allCasesOf(ownerId: string, now: Date): Promise<CaseSummary[]> {
    const all: CaseSummary[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMine(this.db, ownerId, { cursor, limit: EXPORT_PAGE, now });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }
}

const EXPORT_PAGE = 100;
