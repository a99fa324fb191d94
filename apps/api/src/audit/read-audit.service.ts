import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { CaseReadRecorder } from '@recourse/audit';
import type { Actor, CaseReadView, Clock } from '@recourse/domain';
import type { EventStore } from '@recourse/event-store';
import { CLOCK, EVENT_STORE } from '@recourse/infrastructure';

/**
 * Who read a case is part of its record: every read of a case's details by anyone but its owner
 * is written to the store before the answer goes out, and a read that cannot be recorded is not
 * answered (503).
 */
@Injectable()
export class ReadAudit {
  private readonly logger = new Logger('ReadAudit');
  /** concurrent reads of one case share an append (group commit) */
  private readonly recorder: CaseReadRecorder;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.recorder = new CaseReadRecorder(store);
  }

  async record(
    read: { caseId: string; ownerId: string | null; view: CaseReadView },
    actor: Actor,
    correlationId: string,
  ): Promise<void> {
    if (read.ownerId !== null && actor.id === read.ownerId && actor.role === 'citizen') return;
    try {
      await this.recorder.record({ ...read, actor, at: this.clock.now(), correlationId });
    } catch (error) {
      this.logger.error({
        msg: 'read not recorded: not answered',
        caseId: read.caseId,
        correlationId,
        error: String(error),
      });
      throw new ServiceUnavailableException(
        'This read of the case could not be recorded in its access log, so it is not answered; retry later.',
      );
    }
  }
}
