// Generated from openapi.json by `npm run client:generate` (openapi-typescript): do not edit.
export interface paths {
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** liveness: the process is running */
    get: operations['HealthController_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** readiness: every store this process uses answers */
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** File an appeal or a petition */
    post: operations['CasesController_file'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/information': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Answer an information request (owner) */
    post: operations['CasesController_provideInformation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/evidence': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add evidence (owner); answers the evidence id */
    post: operations['CasesController_addEvidence'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw the case (owner) */
    post: operations['CasesController_withdraw'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/escalate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Escalate to the next authority (owner) */
    post: operations['CasesController_escalate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/signatures': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign a petition (once per citizen; signing again changes nothing) */
    post: operations['CasesController_sign'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/acknowledge': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Acknowledge the case (staff of the authority holding it) */
    post: operations['CasesController_acknowledge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/assign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Assign a caseworker (supervisor: staff of the authority per the staff directory, else 409; caseworker: themselves) */
    post: operations['CasesController_assign'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/request-information': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask the citizen for information (pauses the response clock); answers the request id */
    post: operations['CasesController_requestInformation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Issue a decision with written reasons */
    post: operations['CasesController_decide'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add an internal note (never shown to the citizen); answers the note id */
    post: operations['CasesController_addNote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/refer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Refer the case to the next authority */
    post: operations['CasesController_refer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/mine': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** the caller's cases, most recently filed first; cursor paging */
    get: operations['CaseQueriesController_mine'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** case view: status, level, authority, deadlines with explanation, decision, timeline, next step */
    get: operations['CaseQueriesController_one'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/queues/{authorityId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** open cases of the authority, most urgent deadline first; cursor paging */
    get: operations['QueueController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/queues/{authorityId}/claim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** assign the most urgent unassigned case to the caller (AssignCase) */
    post: operations['QueueController_claim'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** every event of the store in global order (case, access and other streams), each with its stream, logIndex and chain hashes; filters, cursor paging, or Accept: application/x-ndjson to stream every matching event */
    get: operations['AuditLogController_events'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** recompute every case's hash chain; report the broken ones (and cut-off streams) */
    get: operations['AuditLogController_verify'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/stats/outcomes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** per group: cases received, decided, by outcome, overturn and on-time rates, median time to decision, open, overdue, escalated (read models) */
    get: operations['OutcomeStatsController_outcomes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** appeal waves recorded as AppealWaveDetected facts (streams alerts-<authorityId>), latest first: per authority and decision type, the appeals of the window in which the policy alerts rule began to hold, against the average of the 24 windows before it */
    get: operations['AlertsController_alerts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** the caller's notifications, newest first; cursor paging */
    get: operations['InboxController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** every webhook subscription (without secrets) */
    get: operations['WebhooksController_list'];
    put?: never;
    /** subscribe a URL to event types (optionally of one authority); deliveries are signed per Standard Webhooks with the returned whsec_ secret, shown only here */
    post: operations['WebhooksController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** remove a subscription; its pending deliveries are cancelled */
    delete: operations['WebhooksController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** the subscription's delivery log, newest first: each delivery (webhook-id), its state (pending, delivered, dead, cancelled) and every attempt */
    get: operations['WebhooksController_deliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/log/checkpoint': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** the latest signed checkpoint (a C2SP signed note) */
    get: operations['LogController_checkpoint'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/log/key': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** the verifier key: <origin>+<8 hex key hash>+<base64(0x01 ‖ Ed25519 key)> */
    get: operations['LogController_key'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/log/checkpoints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** every checkpoint signed, oldest first; cursor paging */
    get: operations['LogController_checkpoints'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/log/proof/inclusion': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** RFC 9162 inclusion proof of leaf logIndex in the tree of treeSize */
    get: operations['LogController_inclusion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/log/proof/consistency': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** RFC 9162 consistency proof from tree size `from` to tree size `to` */
    get: operations['LogController_consistency'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/log/leaves': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** leaf data (event chain hashes) of logIndex start..end-1, in log order */
    get: operations['LogController_leaves'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/subjects/{sub}/erasure': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Crypto-shred a subject's personal data: destroy their data key, record PersonalDataErased on each of their cases */
    post: operations['SubjectsController_erase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** the caller's cases, their events and access records, as JSON (decrypted) */
    get: operations['PersonalDataExportController_export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/public/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** per authority: received, decided, overturn rate, on-time rate, median days to decision; groups below the privacy floor are not shown by count */
    get: operations['PublicController_stats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/public/petitions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** petitions, newest first (at most 500): title, demand, authority, status, signature count, response */
    get: operations['PublicController_petitions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/public/petitions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** one petition: title, demand, authority, status, signature count, response */
    get: operations['PublicController_petition'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The case's complete audit trail, with the hash chain verified */
    get: operations['CaseAuditController_audit'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/cases/{id}/access': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** who read the case (anyone but its owner): when, who, which view */
    get: operations['CaseAccessController_access'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff/{staffId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Record whose staff someone is, before their first call (their token's claims win later) */
    put: operations['StaffController_record'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/staff': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Staff by authority (a supervisor sees their own authority only) */
    get: operations['StaffController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    CheckDto: {
      /** @enum {string} */
      status: 'up' | 'down';
      error?: string;
    };
    LiveDto: {
      /** @enum {string} */
      status: 'up';
    };
    ReadinessDto: {
      ready: boolean;
      /**
       * @example {
       *       "database": {
       *         "status": "up"
       *       },
       *       "eventStore": {
       *         "status": "up"
       *       }
       *     }
       */
      checks: {
        [key: string]: components['schemas']['CheckDto'];
      };
    };
    FiledDeadlinesDto: {
      /** Format: date-time */
      acknowledgeBy: string | null;
      /**
       * Format: date-time
       * @description null for a petition until it reaches its support threshold
       */
      respondBy: string | null;
    };
    FiledCaseDto: {
      /** Format: uuid */
      id: string;
      /** @example RC-2026-7F3K9Q */
      reference: string;
      /** @enum {string} */
      status: 'filed';
      /** @description 0 at the first authority, +1 per escalation */
      level: number;
      /** @example zhengzhou-health */
      authorityId: string;
      deadlines: components['schemas']['FiledDeadlinesDto'];
      revision: number;
      /** @example 1024-7 */
      position: string;
    };
    ProvideInformationDto: {
      message: string;
    };
    CommandResultDto: {
      /** @description id of what the command created (evidence, note, request) */
      id?: string;
      /** @description revision of the case stream's last event; also sent as ETag */
      revision: number;
      /**
       * @description global position of the last appended event; pass as X-Min-Position to queries
       * @example 1024-7
       */
      position: string;
    };
    AddEvidenceDto: {
      description: string;
      /** @description SHA-256 of the evidence file, 64 hex digits */
      sha256?: string;
      /** @description where the evidence can be fetched (https only) */
      url?: string;
    };
    WithdrawDto: {
      reason?: string;
    };
    EscalateDto: {
      grounds: string;
    };
    EmptyDto: Record<string, never>;
    AssignDto: {
      /** @description user id (JWT sub) of the caseworker */
      caseworkerId: string;
    };
    RequestInformationDto: {
      question: string;
    };
    DecisionDto: {
      /** @enum {string} */
      outcome: 'upheld' | 'overturned' | 'partially_overturned' | 'rejected';
      /** @description written reasons; blank reasons are refused */
      reasons: string;
      remedy?: string;
    };
    NoteDto: {
      text: string;
    };
    ReferDto: {
      reason: string;
    };
    CaseSummaryDto: {
      /** Format: uuid */
      id: string;
      /** @example RC-2026-7F3K9Q */
      reference: string;
      /** @enum {string} */
      kind: 'appeal' | 'petition';
      /** @enum {string} */
      status:
        | 'filed'
        | 'acknowledged'
        | 'under_review'
        | 'awaiting_information'
        | 'decided'
        | 'escalated'
        | 'withdrawn'
        | 'closed';
      /** @description 0 at the first authority, +1 per escalation */
      level: number;
      /** @example zhengzhou-health */
      authorityId: string;
      /** @enum {string} */
      priority: 'standard' | 'urgent';
      /** @description caseworker id */
      assignee: string | null;
      /** @description petitions only */
      title: string | null;
      /**
       * @description appeals only
       * @example health-code
       */
      decisionType: string | null;
      /**
       * @description appeals only
       * @enum {string|null}
       */
      automation: 'full' | 'partial' | 'none' | 'unknown' | null;
      /** Format: date-time */
      acknowledgeBy: string | null;
      /** Format: date-time */
      respondBy: string | null;
      /**
       * Format: date-time
       * @description the deadline the authority works against now; null: no clock
       */
      dueBy: string | null;
      overdue: boolean;
      escalated: boolean;
      /** Format: date-time */
      filedAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description the case revision the read model shows */
      revision: number;
    };
    CasePageDto: {
      items: components['schemas']['CaseSummaryDto'][];
      /** @description pass back as `cursor` for the next page; null on the last */
      nextCursor: string | null;
    };
    SkippedDayDto: {
      /**
       * Format: date
       * @example 2026-12-05
       */
      date: string;
      /** @enum {string} */
      reason: 'weekend' | 'holiday';
    };
    PauseDto: {
      /** Format: date-time */
      from: string;
      /** Format: date-time */
      to: string;
      reason: string;
      /**
       * @description paused time in the rule unit
       * @example P3WD
       */
      length: string;
    };
    DeadlineDto: {
      /** @enum {string} */
      kind: 'acknowledge' | 'respond';
      /** Format: date-time */
      due: string;
      /**
       * Format: date-time
       * @description when the clock started
       */
      start: string;
      /**
       * @description ISO 8601 duration; WD counts working days
       * @example P15WD
       */
      rule: string;
      /** @example cn-henan */
      calendar: string;
      /** @example Asia/Shanghai */
      timeZone: string;
      /** @example 3f9a1c0b7d2e */
      policyVersion: string;
      skipped: components['schemas']['SkippedDayDto'][];
      pauses: components['schemas']['PauseDto'][];
      /** @example due 17 Dec 2026 17:00 Asia/Shanghai: 15 working days from 20 Nov 2026 */
      explanation?: string;
    };
    CaseDeadlinesDto: {
      acknowledgeBy: components['schemas']['DeadlineDto'] | null;
      respondBy: components['schemas']['DeadlineDto'] | null;
    };
    OpenRequestDto: {
      /** Format: uuid */
      requestId: string;
      question: string;
      /** Format: date-time */
      pausedAt: string;
    };
    MissedDeadlineDto: {
      /** @enum {string} */
      deadline: 'acknowledge' | 'respond';
      /** Format: date-time */
      due: string;
      setAtRevision: number;
      authorityId: string;
    };
    NextStepDto: {
      deadline: components['schemas']['DeadlineDto'] | null;
      /** @enum {string|null} */
      kind: 'acknowledge' | 'respond' | 'escalation-window' | null;
      /** @enum {string|null} */
      who: 'authority' | 'citizen' | null;
      authorityId?: string;
      /** Format: date-time */
      due: string | null;
      overdue: boolean;
      explanation: string | null;
    };
    TimelineItemDto: {
      revision: number;
      /** @example CaseFiled */
      type: string;
      /** Format: date-time */
      occurredAt: string;
      /** @example citizen */
      actorRole: string;
      /** @description what the event changed, without internal or personal fields */
      summary: {
        [key: string]: unknown;
      };
    };
    InternalNoteDto: {
      revision: number;
      /** Format: uuid */
      noteId: string;
      /** @description whose staff wrote it; null: a backfill could not tell */
      authorityId: string | null;
      /** @description absent for staff of another authority: only that it exists */
      text?: string;
      authorId?: string;
      /** Format: date-time */
      occurredAt: string;
    };
    CaseViewDto: {
      /** Format: uuid */
      id: string;
      /** @example RC-2026-7F3K9Q */
      reference: string;
      /** @enum {string} */
      kind: 'appeal' | 'petition';
      /** @enum {string} */
      status:
        | 'filed'
        | 'acknowledged'
        | 'under_review'
        | 'awaiting_information'
        | 'decided'
        | 'escalated'
        | 'withdrawn'
        | 'closed';
      /** @description 0 at the first authority, +1 per escalation */
      level: number;
      /** @example zhengzhou-health */
      authorityId: string;
      /** @enum {string} */
      priority: 'standard' | 'urgent';
      /** @description caseworker id */
      assignee: string | null;
      /** @description petitions only */
      title: string | null;
      /**
       * @description appeals only
       * @example health-code
       */
      decisionType: string | null;
      /**
       * @description appeals only
       * @enum {string|null}
       */
      automation: 'full' | 'partial' | 'none' | 'unknown' | null;
      /** Format: date-time */
      acknowledgeBy: string | null;
      /** Format: date-time */
      respondBy: string | null;
      /**
       * Format: date-time
       * @description the deadline the authority works against now; null: no clock
       */
      dueBy: string | null;
      overdue: boolean;
      escalated: boolean;
      /** Format: date-time */
      filedAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description the case revision the read model shows */
      revision: number;
      ownerId: string;
      /** @description every authority that held the case, in order */
      authorities: string[];
      /** @description the filing: decision, grounds, remedy, title, demand, appellant */
      details: {
        [key: string]: unknown;
      };
      deadlines: components['schemas']['CaseDeadlinesDto'];
      pauses: components['schemas']['PauseDto'][];
      /** Format: date-time */
      pausedSince: string | null;
      openRequest: components['schemas']['OpenRequestDto'] | null;
      /** @enum {string|null} */
      outcome: 'upheld' | 'overturned' | 'partially_overturned' | 'rejected' | null;
      /** @description outcome, reasons, remedy */
      decision: {
        [key: string]: unknown;
      } | null;
      /** Format: date-time */
      decidedAt: string | null;
      escalationCount: number;
      missedDeadlines: components['schemas']['MissedDeadlineDto'][];
      /** @description petitions only */
      signatures: number | null;
      nextStep: components['schemas']['NextStepDto'];
      timeline: components['schemas']['TimelineItemDto'][];
      /** @description staff and oversight only */
      notes?: components['schemas']['InternalNoteDto'][];
    };
    ClaimedCaseDto: {
      /** Format: uuid */
      id: string;
      /** @example RC-2026-7F3K9Q */
      reference: string;
      /** @enum {string} */
      kind: 'appeal' | 'petition';
      /** @enum {string} */
      status:
        | 'filed'
        | 'acknowledged'
        | 'under_review'
        | 'awaiting_information'
        | 'decided'
        | 'escalated'
        | 'withdrawn'
        | 'closed';
      /** @description 0 at the first authority, +1 per escalation */
      level: number;
      /** @example zhengzhou-health */
      authorityId: string;
      /** @enum {string} */
      priority: 'standard' | 'urgent';
      /** @description caseworker id */
      assignee: string | null;
      /** @description petitions only */
      title: string | null;
      /**
       * @description appeals only
       * @example health-code
       */
      decisionType: string | null;
      /**
       * @description appeals only
       * @enum {string|null}
       */
      automation: 'full' | 'partial' | 'none' | 'unknown' | null;
      /** Format: date-time */
      acknowledgeBy: string | null;
      /** Format: date-time */
      respondBy: string | null;
      /**
       * Format: date-time
       * @description the deadline the authority works against now; null: no clock
       */
      dueBy: string | null;
      overdue: boolean;
      escalated: boolean;
      /** Format: date-time */
      filedAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description the case revision the read model shows */
      revision: number;
      /**
       * @description pass as X-Min-Position to queries
       * @example 1024-7
       */
      position: string;
    };
    AuditActorDto: {
      id: string;
      /** @enum {string} */
      role: 'citizen' | 'caseworker' | 'supervisor' | 'oversight' | 'admin' | 'system';
      authorityId?: string;
    };
    AuditEventItemDto: {
      /** Format: uuid */
      caseId: string;
      revision: number;
      /**
       * @description pass back as `cursor` to read on after it
       * @example 1024-7
       */
      position: string;
      /** @example CaseFiled */
      type: string;
      /** @description the event data exactly as stored */
      data: {
        [key: string]: unknown;
      };
      actor: components['schemas']['AuditActorDto'];
      /** Format: date-time */
      occurredAt: string;
      prevHash: string;
      hash: string;
      /** @description the authority that held the case when it happened */
      authorityId: string | null;
    };
    AuditEventsPageDto: {
      items: components['schemas']['AuditEventItemDto'][];
      /** @description pass back as `cursor`; null at the end of the log */
      nextCursor: string | null;
    };
    BrokenChainDto: {
      /** Format: uuid */
      caseId: string;
      firstBrokenRevision: number;
      reason: string;
    };
    ChainReportDto: {
      verified: boolean;
      checkedStreams: number;
      checkedEvents: number;
      broken: components['schemas']['BrokenChainDto'][];
    };
    OutcomeCountsDto: {
      upheld: number;
      overturned: number;
      partially_overturned: number;
      rejected: number;
    };
    OutcomeStatsGroupDto: {
      /** @description authority, decision type, automation or month (yyyy-mm) */
      key: string | null;
      /** @description cases received; null below the privacy floor */
      total: number | null;
      decided: number | null;
      byOutcome: components['schemas']['OutcomeCountsDto'] | null;
      overturnRate: number | null;
      onTimeRate: number | null;
      medianSecondsToDecision: number | null;
      open: number | null;
      overdue: number | null;
      escalated: number | null;
      /** @description counts withheld: fewer cases than the policy privacy floor */
      belowPrivacyFloor?: boolean;
    };
    OutcomeStatsDto: {
      /** Format: date-time */
      from: string | null;
      /** Format: date-time */
      to: string | null;
      authorityId: string | null;
      /** @enum {string} */
      groupBy: 'authority' | 'decisionType' | 'automation' | 'month';
      groups: components['schemas']['OutcomeStatsGroupDto'][];
    };
    AppealWaveDto: {
      /** @description id of the AppealWaveDetected event */
      id: string;
      authorityId: string;
      /** @example health-code */
      decisionType: string;
      /** Format: date-time */
      from: string;
      /** Format: date-time */
      to: string;
      count: number;
      /** @description average appeals per window before */
      baseline: number;
      factor: number;
    };
    InboxItemDto: {
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      at: string;
      /** Format: uuid */
      caseId: string | null;
      /** @example CaseAcknowledged */
      type: string;
      /** @description what happened, what happens next and by when */
      text: string;
      read: boolean;
    };
    InboxPageDto: {
      items: components['schemas']['InboxItemDto'][];
      /** @description pass back as `cursor` for the next page; null on the last */
      nextCursor: string | null;
    };
    CreateWebhookDto: {
      /** @description http(s) URL the events are POSTed to, signed per Standard Webhooks */
      url: string;
      events: (
        | 'CaseFiled'
        | 'CaseAcknowledged'
        | 'CaseAssigned'
        | 'InformationRequested'
        | 'InformationProvided'
        | 'EvidenceAdded'
        | 'NoteAdded'
        | 'DecisionIssued'
        | 'EscalationRequested'
        | 'CaseEscalated'
        | 'DeadlineMissed'
        | 'CaseWithdrawn'
        | 'CaseClosed'
        | 'PetitionSigned'
        | 'SupportThresholdReached'
        | 'PersonalDataErased'
        | 'AppealWaveDetected'
      )[];
      /** @description only this authority's events (by the case's authority) */
      authorityId?: string;
    };
    CreatedWebhookDto: {
      /** Format: uuid */
      id: string;
      /** @description Standard Webhooks signing secret */
      secret: string;
    };
    WebhookSubscriptionDto: {
      /** Format: uuid */
      id: string;
      url: string;
      events: string[];
      authorityId: string | null;
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
    };
    WebhookListDto: {
      items: components['schemas']['WebhookSubscriptionDto'][];
    };
    DeliveryAttemptDto: {
      attempt: number;
      /** Format: date-time */
      at: string;
      outcome: string;
      /** @description the receiver's HTTP status */
      statusCode: number | null;
      error: string | null;
    };
    DeliveryLogEntryDto: {
      /** @description the webhook-id header of every attempt */
      id: string;
      channel: string;
      eventType: string;
      /** @enum {string} */
      status: 'pending' | 'delivered' | 'dead' | 'cancelled';
      attempts: components['schemas']['DeliveryAttemptDto'][];
      /** Format: date-time */
      createdAt: string;
    };
    DeliveryLogDto: {
      items: components['schemas']['DeliveryLogEntryDto'][];
    };
    CheckpointDto: {
      treeSize: number;
      /** @description the C2SP signed note */
      note: string;
      /** Format: date-time */
      signedAt: string;
    };
    CheckpointPageDto: {
      items: components['schemas']['CheckpointDto'][];
      /** @description pass back as `cursor`; null on the last page */
      nextCursor: string | null;
    };
    InclusionProofDto: {
      logIndex: number;
      treeSize: number;
      leafHash: string;
      hashes: string[];
    };
    ConsistencyProofDto: {
      from: number;
      to: number;
      hashes: string[];
    };
    LeavesDto: {
      start: number;
      end: number;
      leaves: string[];
    };
    ErasedCaseDto: {
      /** Format: uuid */
      caseId: string;
      revision: number;
      fullyErased: boolean;
    };
    ErasureReportDto: {
      subject: string;
      /** @description ids of the subject's destroyed data keys */
      keys: string[];
      cases: components['schemas']['ErasedCaseDto'][];
    };
    AuditEventDto: {
      /** @description 0-based position in the case's stream */
      revision: number;
      /** @example CaseFiled */
      type: string;
      /** @description the event data exactly as stored */
      data: {
        [key: string]: unknown;
      };
      actor: components['schemas']['AuditActorDto'];
      /** Format: date-time */
      occurredAt: string;
      /** @description hash of the previous event (hex SHA-256 of "case-<id>" first) */
      prevHash: string;
      /** @description hex(SHA-256(prevHash + "\n" + JCS({ type, data, actor, occurredAt, revision }))) */
      hash: string;
    };
    AuditDto: {
      /** Format: uuid */
      caseId: string;
      /** @description true when every hash in the chain recomputes */
      verified: boolean;
      /** @description revision of the first event whose hash does not check out; null when verified */
      firstBrokenRevision: number | null;
      events: components['schemas']['AuditEventDto'][];
    };
    CaseReadDto: {
      /** Format: date-time */
      at: string;
      actor: components['schemas']['AuditActorDto'];
      /**
       * @description which view of the case was read
       * @example case
       */
      view: string;
    };
    CaseReadsDto: {
      items: components['schemas']['CaseReadDto'][];
    };
    StaffMemberDto: {
      /** @example zhengzhou-health */
      authorityId: string;
      /** @enum {string} */
      role: 'caseworker' | 'supervisor';
    };
    StaffMemberViewDto: {
      /** @description user id (token sub) */
      staffId: string;
      /** @example zhengzhou-health */
      authorityId: string;
      /** @enum {string} */
      role: 'caseworker' | 'supervisor';
      /**
       * @description learnt from a verified token, or recorded by an admin
       * @enum {string}
       */
      source: 'token' | 'admin';
      /** @description ISO instant of the last change */
      updatedAt: string;
    };
    StaffListDto: {
      items: components['schemas']['StaffMemberViewDto'][];
    };
    FieldErrorDto: {
      /** @example decision.automation */
      field: string;
      message: string;
    };
    ProblemDto: {
      /**
       * @description about:blank, or a URI naming the problem
       * @example https://recourse.example/problems/case-not-found
       */
      type: string;
      /** @example Case not found */
      title: string;
      /** @example 404 */
      status: number;
      /** @example There is no case with this id that you may see. */
      detail: string;
      /** @description the request path */
      instance?: string;
      /** @description echoes X-Correlation-Id; quote it when reporting */
      correlationId?: string;
      /** @description validation only */
      errors?: components['schemas']['FieldErrorDto'][];
    };
    ContestedDecisionDto: {
      /** @example HC-2026-0613-88121 */
      reference: string;
      /** @example health-code */
      type: string;
      /** @example red */
      outcome: string;
      /**
       * @description ISO 8601 instant
       * @example 2026-06-13T08:10:00Z
       */
      issuedAt: string;
      /** @description the reason the authority gave; null when it gave none (the key is required) */
      statedReason: string | null;
      /** @example Zhengzhou East Station */
      location?: string | null;
      /**
       * @description how the contested decision was made
       * @enum {string}
       */
      automation: 'full' | 'partial' | 'none' | 'unknown';
    };
    AppellantDto: {
      /** @example Liu */
      name: string;
      /** @example liu@example.org */
      contact: string;
    };
    /** @description Body of POST /v1/cases filing an appeal */
    AppealFiling: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'appeal';
      /** @example zhengzhou-health */
      authorityId: string;
      /**
       * @description urgent is for appeals only
       * @default standard
       * @enum {string}
       */
      priority: 'standard' | 'urgent';
      /** @description appeals only (required) */
      decision: components['schemas']['ContestedDecisionDto'];
      /** @description appeals only (required) */
      grounds: string;
      /** @description appeals only */
      remedy?: string;
      appellant: components['schemas']['AppellantDto'];
    };
    /** @description Body of POST /v1/cases filing a petition */
    PetitionFiling: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      kind: 'petition';
      /** @example zhengzhou-health */
      authorityId: string;
      /** @enum {string} */
      priority?: 'standard';
      /** @description petitions only (required) */
      title: string;
      /** @description petitions only (required) */
      demand: string;
      appellant: components['schemas']['AppellantDto'];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  HealthController_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process is alive */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LiveDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header: {
        authorization: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every store answers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadinessDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description A store does not answer (problem+json with checks) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_file: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json':
          components['schemas']['AppealFiling'] | components['schemas']['PetitionFiling'];
      };
    };
    responses: {
      201: {
        headers: {
          Location?: string;
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FiledCaseDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: citizen */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_provideInformation: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
        /** @description "<revision>": refuse (412) if the case moved on */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ProvideInformationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandResultDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: citizen */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case, or a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description If-Match is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_addEvidence: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
        /** @description "<revision>": refuse (412) if the case moved on */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddEvidenceDto'];
      };
    };
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandResultDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: citizen */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case, or a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description If-Match is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_withdraw: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
        /** @description "<revision>": refuse (412) if the case moved on */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WithdrawDto'];
      };
    };
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandResultDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: citizen */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case, or a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description If-Match is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_escalate: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
        /** @description "<revision>": refuse (412) if the case moved on */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EscalateDto'];
      };
    };
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandResultDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: citizen */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case, or a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description If-Match is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_sign: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
        /** @description "<revision>": refuse (412) if the case moved on */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description no input: `{}` or no body */
    requestBody?: {
      content: {
        'application/json': components['schemas']['EmptyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandResultDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: citizen */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case, or a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description If-Match is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_acknowledge: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
        /** @description "<revision>": refuse (412) if the case moved on */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description no input: `{}` or no body */
    requestBody?: {
      content: {
        'application/json': components['schemas']['EmptyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandResultDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: caseworker, supervisor */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case, or a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description If-Match is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_assign: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
        /** @description "<revision>": refuse (412) if the case moved on */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AssignDto'];
      };
    };
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandResultDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: caseworker, supervisor */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case, or a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description If-Match is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_requestInformation: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
        /** @description "<revision>": refuse (412) if the case moved on */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RequestInformationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandResultDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: caseworker, supervisor */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case, or a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description If-Match is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_decide: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
        /** @description "<revision>": refuse (412) if the case moved on */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DecisionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandResultDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: caseworker, supervisor */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case, or a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description If-Match is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_addNote: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
        /** @description "<revision>": refuse (412) if the case moved on */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NoteDto'];
      };
    };
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandResultDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: caseworker, supervisor */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case, or a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description If-Match is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CasesController_refer: {
    parameters: {
      query?: never;
      header?: {
        /** @description a retry with the same key returns the first answer */
        'Idempotency-Key'?: string;
        /** @description "<revision>": refuse (412) if the case moved on */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReferDto'];
      };
    };
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommandResultDto'];
        };
      };
      /** @description invalid body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: caseworker, supervisor */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case, or a case the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a request with this Idempotency-Key is in flight, or not allowed in the case's state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description If-Match is stale */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description Idempotency-Key reused for a different request */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CaseQueriesController_mine: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: {
        /** @description a command's "position": wait (at most 5 s) until the read models include it; past that the answer carries X-Read-Model-Stale: true */
        'X-Min-Position'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CasePageDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: citizen */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CaseQueriesController_one: {
    parameters: {
      query?: never;
      header?: {
        /** @description a command's "position": wait (at most 5 s) until the read models include it; past that the answer carries X-Read-Model-Stale: true */
        'X-Min-Position'?: string;
        /** @description the ETag of a view you hold: 304 when the case has not moved on */
        'If-None-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseViewDto'];
        };
      };
      /** @description not modified since the If-None-Match revision */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: citizen, caseworker, supervisor, oversight */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description no such case, or one the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  QueueController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
        status?: 'filed' | 'acknowledged' | 'under_review' | 'awaiting_information' | 'escalated';
        priority?: 'standard' | 'urgent';
        /** @description 'me', 'unassigned' or a caseworker id */
        assignee?: string;
        /** @description only cases whose current deadline has passed */
        overdue?: boolean;
      };
      header?: {
        /** @description a command's "position": wait (at most 5 s) until the read models include it; past that the answer carries X-Read-Model-Stale: true */
        'X-Min-Position'?: string;
      };
      path: {
        authorityId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CasePageDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /**
       * @description the caller is not staff of this authority
       *
       *     only for: caseworker, supervisor
       */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  QueueController_claim: {
    parameters: {
      query?: never;
      header?: {
        /** @description a command's "position": wait (at most 5 s) until the read models include it; past that the answer carries X-Read-Model-Stale: true */
        'X-Min-Position'?: string;
      };
      path: {
        authorityId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description the claimed case, with the revision and position of the assignment */
      200: {
        headers: {
          /** @description the case revision, "<revision>" (strong); If-Match and If-None-Match take it */
          ETag?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ClaimedCaseDto'];
        };
      };
      /** @description no unassigned case is waiting */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: caseworker */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  AuditLogController_events: {
    parameters: {
      query?: {
        /** @description the authority that held the case when the event happened */
        authorityId?: string;
        /** @description the actor's id (token sub; 'system' for timers) */
        actorId?: string;
        type?:
          | 'CaseFiled'
          | 'CaseAcknowledged'
          | 'CaseAssigned'
          | 'InformationRequested'
          | 'InformationProvided'
          | 'EvidenceAdded'
          | 'NoteAdded'
          | 'DecisionIssued'
          | 'EscalationRequested'
          | 'CaseEscalated'
          | 'DeadlineMissed'
          | 'CaseWithdrawn'
          | 'CaseClosed'
          | 'PetitionSigned'
          | 'SupportThresholdReached'
          | 'PersonalDataErased';
        /** @description occurredAt at or after this ISO 8601 instant */
        from?: string;
        /** @description occurredAt before this ISO 8601 instant */
        to?: string;
        /** @description nextCursor of the previous page (a global position) */
        cursor?: string;
        limit?: number;
      };
      header?: {
        /** @description application/x-ndjson streams */
        Accept?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description a page (JSON), or every matching event, one JSON object a line (NDJSON) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditEventsPageDto'];
          'application/x-ndjson': components['schemas']['AuditEventItemDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /**
       * @description oversight only
       *
       *     only for: oversight
       */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  AuditLogController_verify: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChainReportDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /**
       * @description oversight only
       *
       *     only for: oversight
       */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  OutcomeStatsController_outcomes: {
    parameters: {
      query?: {
        /** @description cases received by the authority at or after this instant */
        from?: string;
        /** @description cases received by the authority before this instant */
        to?: string;
        /** @description a supervisor may only give their own (it is the default) */
        authorityId?: string;
        groupBy?: 'authority' | 'decisionType' | 'automation' | 'month';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OutcomeStatsDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /**
       * @description a supervisor asking for another authority's numbers
       *
       *     only for: oversight, supervisor
       */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  AlertsController_alerts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AppealWaveDto'][];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /**
       * @description oversight only
       *
       *     only for: oversight
       */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  InboxController_list: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboxPageDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /**
       * @description citizens only
       *
       *     only for: citizen
       */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  WebhooksController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookListDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: admin, oversight */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  WebhooksController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateWebhookDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedWebhookDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /**
       * @description admin and oversight only
       *
       *     only for: admin, oversight
       */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  WebhooksController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: admin, oversight */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description no such webhook */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  WebhooksController_deliveries: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryLogDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: admin */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  LogController_checkpoint: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description origin, tree size, base64 root, blank line, signature */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description no checkpoint has been signed yet */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description the database is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  LogController_key: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description no checkpoint has been signed yet */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description the database is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  LogController_checkpoints: {
    parameters: {
      query?: {
        /** @description nextCursor of the previous page */
        cursor?: number;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CheckpointPageDto'];
        };
      };
      /** @description bad cursor or limit */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description the database is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  LogController_inclusion: {
    parameters: {
      query: {
        /** @description the leaf's index in the log (the event's logIndex) */
        logIndex: number;
        /** @description the size of the tree to prove inclusion in (a checkpoint's) */
        treeSize: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InclusionProofDto'];
        };
      };
      /** @description missing, malformed or out-of-range parameters */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description the database is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  LogController_consistency: {
    parameters: {
      query: {
        /** @description the older tree size (≥ 1) */
        from: number;
        /** @description the newer tree size */
        to: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsistencyProofDto'];
        };
      };
      /** @description missing, malformed or out-of-range parameters */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description the database is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  LogController_leaves: {
    parameters: {
      query: {
        /** @description first logIndex */
        start: number;
        /** @description logIndex after the last (at most 1000 leaves) */
        end: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LeavesDto'];
        };
      };
      /** @description missing, malformed or out-of-range parameters */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description the database is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  SubjectsController_erase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        sub: string;
      };
      cookie?: never;
    };
    /** @description no input: `{}` or no body */
    requestBody?: {
      content: {
        'application/json': components['schemas']['EmptyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErasureReportDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /**
       * @description a citizen asking for someone else
       *
       *     only for: admin, citizen
       */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description no such subject (no data key, no case) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a citizen with cases not yet closed or withdrawn */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  PersonalDataExportController_export: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { subject, exportedAt, cases: [{ case, events, accessRecords }] } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            subject: string;
            /** Format: date-time */
            exportedAt: string;
            cases: {
              [key: string]: unknown;
            }[];
          };
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: citizen */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  PublicController_stats: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { minGroupSize, authorities: [...] }, or CSV with Accept: text/csv */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            minGroupSize: number;
            authorities: {
              [key: string]: unknown;
            }[];
          };
          'text/csv': string;
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  PublicController_petitions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description { items: PublicPetition[] } */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: {
              [key: string]: unknown;
            }[];
          };
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  PublicController_petition: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            [key: string]: unknown;
          };
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description no such petition */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CaseAuditController_audit: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /**
       * @description oversight only
       *
       *     only for: oversight
       */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description unknown case */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  CaseAccessController_access: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseReadsDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description only for: citizen, oversight */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description no such case, or one the caller may not see */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  StaffController_record: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        staffId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StaffMemberDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffMemberViewDto'];
        };
      };
      /** @description invalid id or body, or an authority the policy lacks */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /**
       * @description admins only
       *
       *     only for: admin
       */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body larger than 64 KiB, or a change larger than the event store accepts at once */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description body not application/json */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
  StaffController_list: {
    parameters: {
      query?: {
        /** @description one authority's staff (a supervisor: only their own) */
        authorityId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StaffListDto'];
        };
      };
      /** @description invalid parameters or body (problem+json with errors[]) */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description missing, expired or invalid bearer token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /**
       * @description a supervisor asking for another authority's staff
       *
       *     only for: admin, supervisor
       */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description KurrentDB only: the case's stream was deleted or truncated in the event store */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description over the rate limit; Retry-After says when to retry */
      429: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      /** @description a store, or the identity provider's key set (AUTH_JWKS_URL), is unavailable; retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
    };
  };
}
