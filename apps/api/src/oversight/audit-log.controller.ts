import { BadRequestException, Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { AuditEventItemDto, AuditEventsPageDto, ChainReportDto } from '@recourse/contracts';
import type { ServerResponse } from 'node:http';
import {
  auditAllChains,
  matchingItems,
  readAuditPage,
  scanAuditLog,
  type ChainReport,
} from '@recourse/audit';
import { Roles } from '@recourse/auth';
import { DATABASE, EVENT_STORE } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { parsePosition, START, type EventStore } from '@recourse/event-store';
import { projectedRevisions } from '@recourse/read-models';
import { logIndexAfter } from '@recourse/transparency-log';
import { AuditEventsQueryDto } from './audit-events-query.dto';
import { timeRange } from './instant';
import { NDJSON, streamNdjson, wantsNdjson } from './ndjson';

const DEFAULT_PAGE = 100;

/** Oversight's view of every case's trail at once, read from the event store itself. */
@ApiTags('oversight')
@ApiExtraModels(AuditEventsPageDto, AuditEventItemDto)
@Controller('v1/audit')
export class AuditLogController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Get('events')
  @Roles('oversight')
  @ApiOperation({
    summary:
      'every event of the store in global order (case, access and other streams), each with its ' +
      'stream, logIndex and chain hashes; filters, cursor paging, or ' +
      'Accept: application/x-ndjson to stream every matching event',
  })
  @ApiHeader({ name: 'Accept', required: false, description: 'application/x-ndjson streams' })
  @ApiOkResponse({
    description: 'a page (JSON), or every matching event, one JSON object a line (NDJSON)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(AuditEventsPageDto) } },
      [NDJSON]: { schema: { $ref: getSchemaPath(AuditEventItemDto) } },
    },
  })
  @ApiForbiddenResponse({ description: 'oversight only' })
  async events(
    @Query() query: AuditEventsQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const filter = {
      ...timeRange(query.from, query.to),
      authorityId: query.authorityId,
      actorId: query.actorId,
      type: query.type,
    };
    const from = query.cursor ? parsePosition(query.cursor) : START;
    const firstLogIndex = await logIndexAfter(this.db, this.store, from);
    if (firstLogIndex === undefined) {
      throw new BadRequestException({
        detail: 'cursor is not the position of an event: pass a nextCursor back as it came',
        errors: [{ field: 'cursor', message: 'must be the nextCursor of a previous page' }],
      });
    }
    const scan = scanAuditLog(this.store, filter, from, firstLogIndex);
    if (wantsNdjson(accept)) return streamNdjson(response, matchingItems(scan));
    const page = await readAuditPage(scan, query.limit ?? DEFAULT_PAGE);
    response.statusCode = 200;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(page));
  }

  @Get('verify')
  @Roles('oversight')
  @ApiOperation({
    summary: "recompute every case's hash chain; report the broken ones (and cut-off streams)",
  })
  @ApiOkResponse({ type: ChainReportDto })
  @ApiForbiddenResponse({ description: 'oversight only' })
  async verify(): Promise<ChainReport> {
    // read first: see auditAllChains
    const projected = await projectedRevisions(this.db);
    return auditAllChains(this.store, projected);
  }
}
