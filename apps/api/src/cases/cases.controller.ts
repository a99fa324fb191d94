import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CurrentActor, Roles } from '@recourse/auth';
import {
  CaseCommandService,
  deterministicId,
  type CommandOutcome,
  type LoadedCase,
} from '@recourse/commands';
import { CLOCK } from '@recourse/infrastructure';
import {
  AddEvidenceDto,
  AssignDto,
  CommandResultDto,
  ContestedDecisionDto,
  DecisionDto,
  EmptyDto,
  NoInputBody,
  EscalateDto,
  FileCaseDto,
  FiledCaseDto,
  FILING_BODY_SCHEMA,
  FILING_EXAMPLES,
  NoteDto,
  ProvideInformationDto,
  ReferDto,
  RequestInformationDto,
  WithdrawDto,
} from '@recourse/contracts';
import type { Actor, CaseCommand, Clock, ContestedDecision } from '@recourse/domain';
import { positionToString } from '@recourse/event-store';
import { StaffDirectory } from '../staff/staff-directory';
import { CaseIdPipe } from './case-id.pipe';
import { caseReference } from './case-reference';
import { Call, type CommandCall } from './command-call';
import { CaseVisibilityGuard, OpenToSigners } from './case-visibility.guard';
import { ETAG_HEADER, RevisionETagInterceptor } from './revision-etag.interceptor';

interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/** A command to run, and the id of what it creates (evidence, note, information request). */
interface Built {
  command: CaseCommand;
  createdId?: string;
}

const CITIZEN = ['citizen'] as const;
const STAFF = ['caseworker', 'supervisor'] as const;

/**
 * The command side of the API: each endpoint maps its body to one domain command and runs it
 * through CaseCommandService. Who may do what to which case is the decider's call; @Roles only
 * turns away roles that may never call the endpoint; CaseVisibilityGuard answers 404 for a case
 * the caller may not see before anything else is checked. Answers carry ETag: "<revision>".
 */
@ApiTags('cases')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'a retry with the same key returns the first answer',
})
@ApiBadRequestResponse({ description: 'invalid body (problem+json with errors[])' })
@ApiForbiddenResponse({ description: 'the role may not call this endpoint' })
@ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused for a different request' })
@UseGuards(CaseVisibilityGuard)
@ApiConflictResponse({
  description:
    "a request with this Idempotency-Key is in flight, or not allowed in the case's state",
})
@UseInterceptors(RevisionETagInterceptor)
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly commands: CaseCommandService,
    private readonly staff: StaffDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles(...CITIZEN)
  @ApiOperation({ summary: 'File an appeal or a petition' })
  @ApiBody({ schema: FILING_BODY_SCHEMA, examples: FILING_EXAMPLES })
  @ApiCreatedResponse({
    type: FiledCaseDto,
    headers: { Location: { schema: { type: 'string' } }, ...ETAG_HEADER },
  })
  async file(
    @Body() body: FileCaseDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<FiledCaseDto> {
    // a retry under the same Idempotency-Key files the same case id, so it cannot file twice
    const caseId =
      call.requestId === undefined ? randomUUID() : deterministicId('case', call.requestId);
    const outcome = await this.commands.execute(
      caseId,
      {
        type: 'FileCase',
        caseId,
        reference: caseReference(caseId, this.clock.now()),
        kind: body.kind,
        authorityId: body.authorityId,
        priority: body.priority ?? 'standard',
        appellant: { name: body.appellant.name, contact: body.appellant.contact },
        ...definedOnly({
          decision: body.decision && contestedDecision(body.decision),
          grounds: body.grounds,
          remedy: body.remedy,
          title: body.title,
          demand: body.demand,
        }),
      },
      { actor, correlationId: call.correlationId, requestKey: call.requestId, newCase: true },
    );
    response.setHeader('Location', `/v1/cases/${caseId}`);
    const { state } = outcome;
    return {
      id: caseId,
      reference: state.reference!,
      status: state.status,
      level: state.level,
      authorityId: state.authorityId!,
      deadlines: {
        acknowledgeBy: state.deadlines.acknowledgeBy?.due ?? null,
        respondBy: state.deadlines.respondBy?.due ?? null,
      },
      revision: outcome.revision,
      position: positionToString(outcome.position),
    };
  }

  @Post(':id/information')
  @HttpCode(HttpStatus.OK)
  @Roles(...CITIZEN)
  @ApiOperation({ summary: 'Answer an information request (owner)' })
  @CommandResponses()
  provideInformation(
    @Param('id', CaseIdPipe) caseId: string,
    @Body() body: ProvideInformationDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<CommandResultDto> {
    return this.run(caseId, actor, call, () => ({
      command: { type: 'ProvideInformation', message: body.message },
    }));
  }

  @Post(':id/evidence')
  @HttpCode(HttpStatus.OK)
  @Roles(...CITIZEN)
  @ApiOperation({ summary: 'Add evidence (owner); answers the evidence id' })
  @CommandResponses()
  addEvidence(
    @Param('id', CaseIdPipe) caseId: string,
    @Body() body: AddEvidenceDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<CommandResultDto> {
    return this.run(caseId, actor, call, (loaded) => {
      const evidenceId = generatedId('evidence', loaded, actor, call, body);
      return {
        command: {
          type: 'AddEvidence',
          evidenceId,
          description: body.description,
          ...definedOnly({ sha256: body.sha256?.toLowerCase(), url: body.url }),
        },
        createdId: evidenceId,
      };
    });
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @Roles(...CITIZEN)
  @ApiOperation({ summary: 'Withdraw the case (owner)' })
  @CommandResponses()
  withdraw(
    @Param('id', CaseIdPipe) caseId: string,
    @Body() body: WithdrawDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<CommandResultDto> {
    return this.run(caseId, actor, call, () => ({
      command: { type: 'WithdrawCase', ...definedOnly({ reason: body.reason }) },
    }));
  }

  @Post(':id/escalate')
  @HttpCode(HttpStatus.OK)
  @Roles(...CITIZEN)
  @ApiOperation({ summary: 'Escalate to the next authority (owner)' })
  @CommandResponses()
  escalate(
    @Param('id', CaseIdPipe) caseId: string,
    @Body() body: EscalateDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<CommandResultDto> {
    return this.run(caseId, actor, call, () => ({
      command: { type: 'RequestEscalation', grounds: body.grounds },
    }));
  }

  @Post(':id/signatures')
  @HttpCode(HttpStatus.OK)
  @Roles(...CITIZEN)
  @OpenToSigners()
  @NoInputBody()
  @ApiOperation({ summary: 'Sign a petition (once per citizen; signing again changes nothing)' })
  @CommandResponses()
  sign(
    @Param('id', CaseIdPipe) caseId: string,
    @Body() _body: EmptyDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<CommandResultDto> {
    return this.run(caseId, actor, call, () => ({ command: { type: 'SignPetition' } }));
  }

  @Post(':id/acknowledge')
  @HttpCode(HttpStatus.OK)
  @Roles(...STAFF)
  @NoInputBody()
  @ApiOperation({ summary: 'Acknowledge the case (staff of the authority holding it)' })
  @CommandResponses()
  acknowledge(
    @Param('id', CaseIdPipe) caseId: string,
    @Body() _body: EmptyDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<CommandResultDto> {
    return this.run(caseId, actor, call, () => ({ command: { type: 'AcknowledgeCase' } }));
  }

  @Post(':id/assign')
  @HttpCode(HttpStatus.OK)
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      'Assign a caseworker (supervisor: staff of the authority per the staff directory, else 409; caseworker: themselves)',
  })
  @CommandResponses()
  async assign(
    @Param('id', CaseIdPipe) caseId: string,
    @Body() body: AssignDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<CommandResultDto> {
    // who the assignee is, is a fact of the staff directory; whether that fits the case, the decider's call
    const assignee = await this.staff.find(body.caseworkerId);
    return this.run(caseId, actor, call, () => ({
      command: {
        type: 'AssignCase',
        caseworkerId: body.caseworkerId,
        assigneeAuthorityId: assignee?.authorityId ?? null,
      },
    }));
  }

  @Post(':id/request-information')
  @HttpCode(HttpStatus.OK)
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Ask the citizen for information (pauses the response clock); answers the request id',
  })
  @CommandResponses()
  requestInformation(
    @Param('id', CaseIdPipe) caseId: string,
    @Body() body: RequestInformationDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<CommandResultDto> {
    return this.run(caseId, actor, call, (loaded) => {
      const requestId = generatedId('information-request', loaded, actor, call, body);
      return {
        command: { type: 'RequestInformation', requestId, question: body.question },
        createdId: requestId,
      };
    });
  }

  @Post(':id/decision')
  @HttpCode(HttpStatus.OK)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Issue a decision with written reasons' })
  @CommandResponses()
  decide(
    @Param('id', CaseIdPipe) caseId: string,
    @Body() body: DecisionDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<CommandResultDto> {
    return this.run(caseId, actor, call, () => ({
      command: {
        type: 'IssueDecision',
        outcome: body.outcome,
        reasons: body.reasons,
        ...definedOnly({ remedy: body.remedy }),
      },
    }));
  }

  @Post(':id/notes')
  @HttpCode(HttpStatus.OK)
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'Add an internal note (never shown to the citizen); answers the note id',
  })
  @CommandResponses()
  addNote(
    @Param('id', CaseIdPipe) caseId: string,
    @Body() body: NoteDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<CommandResultDto> {
    return this.run(caseId, actor, call, (loaded) => {
      const noteId = generatedId('note', loaded, actor, call, body);
      return { command: { type: 'AddNote', noteId, text: body.text }, createdId: noteId };
    });
  }

  @Post(':id/refer')
  @HttpCode(HttpStatus.OK)
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Refer the case to the next authority' })
  @CommandResponses()
  refer(
    @Param('id', CaseIdPipe) caseId: string,
    @Body() body: ReferDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<CommandResultDto> {
    return this.run(caseId, actor, call, () => ({
      command: { type: 'ReferCase', reason: body.reason },
    }));
  }

  private async run(
    caseId: string,
    actor: Actor,
    call: CommandCall,
    build: (loaded: LoadedCase) => Built,
  ): Promise<CommandResultDto> {
    let createdId: string | undefined;
    const outcome: CommandOutcome = await this.commands.execute(
      caseId,
      (loaded) => {
        const built = build(loaded);
        createdId = built.createdId;
        return built.command;
      },
      {
        actor,
        correlationId: call.correlationId,
        ifMatch: call.ifMatch,
        requestKey: call.requestId,
      },
    );
    return {
      ...definedOnly({ id: createdId }),
      revision: outcome.revision,
      position: positionToString(outcome.position),
    };
  }
}

/** Swagger: what every command other than filing answers. */
function CommandResponses(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiOkResponse({ type: CommandResultDto, headers: ETAG_HEADER })(target, key, descriptor);
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: '"<revision>": refuse (412) if the case moved on',
    })(target, key, descriptor);
    ApiNotFoundResponse({ description: 'unknown case, or a case the caller may not see' })(
      target,
      key,
      descriptor,
    );
    ApiPreconditionFailedResponse({ description: 'If-Match is stale' })(target, key, descriptor);
  };
}

/**
 * Ids the API generates for what a command creates. Under an Idempotency-Key they follow from
 * its claim; otherwise from the content and the revision it was decided at. Either way a retry of
 * the same request at the same revision derives the same id.
 */
function generatedId(
  kind: string,
  loaded: LoadedCase,
  actor: Actor,
  call: CommandCall,
  body: object,
): string {
  return call.requestId === undefined
    ? deterministicId(kind, loaded.caseId, loaded.revision, actor.id, { ...body })
    : deterministicId(kind, loaded.caseId, call.requestId);
}

function contestedDecision(dto: ContestedDecisionDto): ContestedDecision {
  return {
    reference: dto.reference,
    type: dto.type,
    outcome: dto.outcome,
    issuedAt: dto.issuedAt,
    statedReason: dto.statedReason,
    automation: dto.automation,
    ...definedOnly({ location: dto.location }),
  };
}

/** Drops undefined members, so that events never carry `"key": undefined`. */
function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
