import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  Optional,
  PreconditionFailedException,
} from '@nestjs/common';
import { CLOCK, EVENT_STORE, POLICY } from '@recourse/infrastructure';
import {
  SCHEMA_VERSION,
  caseStreamName,
  dataSubjectOf,
  decide,
  fold,
  sealCommand,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type Clock,
  type EventMetadata,
  type Policy,
} from '@recourse/domain';
import {
  StreamNotFound,
  WrongExpectedRevision,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '@recourse/event-store';
import { PersonalDataService } from '@recourse/personal-data';
import { deterministicId } from './deterministic-id';
import { PerKeyQueue } from './per-key-queue';

/** The case as loaded, handed to a command factory so generated ids can depend on it. */
export interface LoadedCase {
  caseId: string;
  /** revision of the stream's last event; -1 when the stream does not exist */
  revision: number;
  state: CaseState;
}

/** A command, or a function building it from the loaded case (re-run on every retry). */
export type CommandInput = CaseCommand | ((loaded: LoadedCase) => CaseCommand);

export interface ExecuteOptions {
  actor: Actor;
  correlationId: string;
  /** what caused the command; defaults to the correlation id (the request itself) */
  causationId?: string;
  /** the client's If-Match revision: no retry on a concurrent write, 412 when stale */
  ifMatch?: number;
  /**
   * Identifies this request across its attempts (the Idempotency-Key claim): the event ids derive
   * from it alone, and a retry whose events are already in the stream answers as the first
   * attempt did instead of deciding again. Never reuse it for another request.
   */
  requestKey?: string;
  /**
   * The case id was generated for this request (a filing): the stream is taken not to exist, so
   * the first attempt reads nothing and appends with `no-stream`. Should it exist after all, the
   * append is refused and the command runs as usual (load, decide).
   */
  newCase?: boolean;
}

export interface CommandOutcome {
  caseId: string;
  /** revision of the stream's last event after the command */
  revision: number;
  /** global position of the last event appended (of the last event read when none was) */
  position: Position;
  /** the events the command appended, in order; empty when the command changed nothing */
  events: CaseEvent[];
  state: CaseState;
}

export interface RetryPolicy {
  /** attempts in all, the first included */
  attempts: number;
  /** upper bound of the jittered pause before retry n is min(maxDelayMs, baseDelayMs·2^n) */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const COMMAND_RETRY = Symbol('COMMAND_RETRY');
export const DEFAULT_COMMAND_RETRY: RetryPolicy = { attempts: 10, baseDelayMs: 2, maxDelayMs: 100 };

/**
 * The one command handler shape: load → fold → decide → append(expected revision) → retry on a
 * concurrent write (unless the client sent If-Match). A refused command (DomainError from the
 * decider) appends nothing and propagates unchanged. Within this process, commands on one case
 * queue (a hot petition would otherwise burn its retries); between processes, the expected
 * revision decides and the loser retries.
 */
@Injectable()
export class CaseCommandService {
  private readonly logger = new Logger(CaseCommandService.name);
  private readonly perCase = new PerKeyQueue();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly personalData: PersonalDataService,
    @Optional() @Inject(COMMAND_RETRY) private readonly retry: RetryPolicy = DEFAULT_COMMAND_RETRY,
  ) {}

  execute(caseId: string, input: CommandInput, options: ExecuteOptions): Promise<CommandOutcome> {
    return this.perCase.run(caseId, () => this.executeNow(caseId, input, options));
  }

  private async executeNow(
    caseId: string,
    input: CommandInput,
    options: ExecuteOptions,
  ): Promise<CommandOutcome> {
    const stream = caseStreamName(caseId);
    for (let attempt = 1; ; attempt += 1) {
      const recorded = options.newCase && attempt === 1 ? [] : await this.load(stream);
      const revision = recorded.length - 1;
      const history = recorded.map(toCaseEvent);
      const state = fold(history);
      const command = typeof input === 'function' ? input({ caseId, revision, state }) : input;
      // this very request appended before (its answer was lost): answer what it answered then
      const earlier = this.earlierOutcome(caseId, recorded, command, options);
      if (earlier) return earlier;
      if (options.ifMatch !== undefined && options.ifMatch !== revision) {
        throw this.stale(options.ifMatch, revision);
      }
      const now = this.clock.now();
      const stored = await this.sealed(command, { caseId, state, actor: options.actor, now });
      const events = decide(stored, state, { actor: options.actor, now, policy: this.policy });
      if (events.length === 0) {
        return { caseId, revision, position: lastPosition(recorded), events, state };
      }
      try {
        const appended = await this.store.appendToStream(
          stream,
          this.toNewEvents(caseId, revision, command, events, options, now),
          revision < 0 ? 'no-stream' : revision,
        );
        if (appended.replayed) return this.storedOutcome(caseId, stream, appended, events.length);
        return {
          caseId,
          revision: appended.nextRevision,
          position: appended.position,
          events,
          state: fold([...history, ...events]),
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (options.ifMatch !== undefined) throw this.stale(options.ifMatch, error.actual);
        if (attempt >= this.retry.attempts) {
          this.logger.warn({ msg: 'concurrent writes exhausted retries', stream, attempt });
          throw new ConflictException(
            `case ${caseId} kept changing while the command ran (${attempt} attempts); retry`,
          );
        }
        await pause(jitteredDelay(this.retry, attempt));
      }
    }
  }

  /** The case as the next command would find it (initial state when there is no such case). */
  async currentState(caseId: string): Promise<CaseState> {
    return fold((await this.load(caseStreamName(caseId))).map(toCaseEvent));
  }

  /**
   * The command with its personal fields sealed under the data key of the citizen they belong
   * to: the decider and the chain only ever see the stored form.
   */
  private async sealed(
    command: CaseCommand,
    context: { caseId: string; state: CaseState; actor: Actor; now: Date },
  ): Promise<CaseCommand> {
    const subject = dataSubjectOf(command, context.state, context.actor);
    if (subject === undefined) return command;
    const sealer = await this.personalData.sealerFor(subject, context.now);
    return sealCommand(command, sealer, context);
  }

  private async load(stream: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(stream);
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }

  /**
   * The outcome of an append the store answered from an earlier attempt: that attempt's events as
   * stored (decided at its own time), not the ones just decided again.
   */
  private async storedOutcome(
    caseId: string,
    stream: string,
    appended: AppendResult,
    count: number,
  ): Promise<CommandOutcome> {
    const upToAnswer = (await this.load(stream))
      .slice(0, appended.nextRevision + 1)
      .map(toCaseEvent);
    return {
      caseId,
      revision: appended.nextRevision,
      position: appended.position,
      events: upToAnswer.slice(-count),
      state: fold(upToAnswer),
    };
  }

  /**
   * The events of a request that already appended them, found by their ids, as the outcome its
   * first attempt answered. Only requests with a key (an Idempotency-Key claim) can be recognised.
   */
  private earlierOutcome(
    caseId: string,
    recorded: RecordedEvent[],
    command: CaseCommand,
    options: ExecuteOptions,
  ): CommandOutcome | undefined {
    if (options.requestKey === undefined) return undefined;
    const idAt = (index: number) => keyedEventId(caseId, options.requestKey!, command, index);
    const first = recorded.findIndex((event) => event.id === idAt(0));
    if (first < 0) return undefined;
    let last = first;
    while (recorded[last + 1]?.id === idAt(last + 1 - first)) last += 1;
    const upToAnswer = recorded.slice(0, last + 1).map(toCaseEvent);
    return {
      caseId,
      revision: recorded[last].revision,
      position: recorded[last].position,
      events: upToAnswer.slice(first),
      state: fold(upToAnswer),
    };
  }

  /**
   * Event ids make a repeated append recognisable. With a request key they are a function of
   * (case, key, command type, index) alone, so a retry finds them at whatever revision the first
   * attempt landed. Without one, of (case, expected revision, actor, correlation id, command,
   * index): an append repeated after an ambiguous failure at the same revision is deduplicated.
   */
  private toNewEvents(
    caseId: string,
    expectedRevision: number,
    command: CaseCommand,
    events: CaseEvent[],
    options: ExecuteOptions,
    now: Date,
  ): NewEvent[] {
    const metadata: EventMetadata = {
      actor: options.actor,
      occurredAt: now.toISOString(),
      correlationId: options.correlationId,
      causationId: options.causationId ?? options.correlationId,
      schemaVersion: SCHEMA_VERSION,
    };
    const { requestKey } = options;
    return events.map((event, index) => ({
      id:
        requestKey === undefined
          ? deterministicId(
              caseId,
              expectedRevision,
              options.actor.id,
              options.correlationId,
              command,
              index,
            )
          : keyedEventId(caseId, requestKey, command, index),
      type: event.type,
      data: event.data,
      metadata: { ...metadata },
    }));
  }

  private stale(expected: number, actual: number | 'no-stream'): PreconditionFailedException {
    const current = actual === 'no-stream' ? 'the case does not exist' : `it is at "${actual}"`;
    return new PreconditionFailedException(
      `If-Match "${expected}" is stale: ${current}; reload the case and retry`,
    );
  }
}

/**
 * The id of a keyed request's index-th event. The command's type, not its content: a filing's
 * reference, for one, depends on the time of the attempt.
 */
const keyedEventId = (caseId: string, key: string, command: CaseCommand, index: number): string =>
  deterministicId('keyed', caseId, key, command.type, index);

function toCaseEvent(recorded: RecordedEvent): CaseEvent {
  return { type: recorded.type, data: recorded.data } as CaseEvent;
}

function lastPosition(recorded: RecordedEvent[]): Position {
  const last = recorded.at(-1);
  return last ? last.position : { commit: 0n, prepare: 0n };
}

function jitteredDelay(retry: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
  return Math.random() * ceiling;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
