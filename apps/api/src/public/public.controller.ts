import { Controller, Get, Header, Inject, Param, Req, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@recourse/auth';
import type { Database } from '@recourse/database';
import { DomainError, type Clock, type Policy } from '@recourse/domain';
import { CLOCK, DATABASE, POLICY } from '@recourse/infrastructure';
import {
  isUuid,
  outcomeStats,
  publicPetition,
  publicPetitions,
  withPrivacyFloor,
  type PublicPetition,
} from '@recourse/read-models';
import { toCsv } from './csv';

/** One authority's record as the public sees it (null where the privacy floor hides it). */
export interface PublicAuthorityStats {
  authorityId: string;
  received: number | null;
  decided: number | null;
  overturnRate: number | null;
  onTimeRate: number | null;
  medianDaysToDecision: number | null;
  belowPrivacyFloor: boolean;
}

const CSV_COLUMNS: (keyof PublicAuthorityStats)[] = [
  'authorityId',
  'received',
  'decided',
  'overturnRate',
  'onTimeRate',
  'medianDaysToDecision',
  'belowPrivacyFloor',
];

const PETITIONS_SHOWN = 500;
const DAY_SECONDS = 86_400;

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/** Open data, no token: aggregate outcomes with the privacy floor, and petitions. */
@ApiTags('open data')
@Public()
@Controller('v1/public')
export class PublicController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('stats')
  @Header('Vary', 'Accept')
  @ApiOperation({
    summary:
      'per authority: received, decided, overturn rate, on-time rate, median days to decision; ' +
      'groups below the privacy floor are not shown by count',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: '{ minGroupSize, authorities: [...] }, or CSV with Accept: text/csv',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['minGroupSize', 'authorities'],
          properties: {
            minGroupSize: { type: 'integer' },
            authorities: { type: 'array', items: { type: 'object', additionalProperties: true } },
          },
        },
      },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async stats(
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<{ minGroupSize: number; authorities: PublicAuthorityStats[] } | string> {
    const { minGroupSize } = this.policy.privacy;
    const groups = withPrivacyFloor(
      await outcomeStats(this.db, { groupBy: 'authority', now: this.clock.now() }),
      minGroupSize,
    );
    const authorities = groups.map((group): PublicAuthorityStats => ({
      authorityId: group.key!,
      received: group.total,
      decided: group.decided,
      overturnRate: group.overturnRate,
      onTimeRate: group.onTimeRate,
      medianDaysToDecision:
        group.medianSecondsToDecision === null
          ? null
          : Math.round((group.medianSecondsToDecision / DAY_SECONDS) * 100) / 100,
      belowPrivacyFloor: group.belowPrivacyFloor,
    }));
    if (wantsCsv(request.headers.accept)) {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
      return toCsv(CSV_COLUMNS, authorities);
    }
    return { minGroupSize, authorities };
  }

  @Get('petitions')
  @ApiOperation({
    summary: `petitions, newest first (at most ${PETITIONS_SHOWN}): title, demand, authority, status, signature count, response`,
  })
  @ApiOkResponse({
    description: '{ items: PublicPetition[] }',
    schema: {
      type: 'object',
      required: ['items'],
      properties: {
        items: { type: 'array', items: { type: 'object', additionalProperties: true } },
      },
    },
  })
  async petitions(): Promise<{ items: PublicPetition[] }> {
    return { items: await publicPetitions(this.db, PETITIONS_SHOWN) };
  }

  @Get('petitions/:id')
  @ApiOperation({
    summary: 'one petition: title, demand, authority, status, signature count, response',
  })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  @ApiNotFoundResponse({ description: 'no such petition' })
  async petition(@Param('id') id: string): Promise<PublicPetition> {
    const found = isUuid(id) ? await publicPetition(this.db, id) : null;
    if (!found) throw new DomainError('case-not-found', 'no such petition');
    return found;
  }
}

/** CSV when the client prefers it over JSON (a bare text/csv, or listed before JSON). */
function wantsCsv(accept: string | string[] | undefined): boolean {
  const header = (Array.isArray(accept) ? accept.join(',') : (accept ?? '')).toLowerCase();
  const csv = header.indexOf('text/csv');
  const json = header.indexOf('application/json');
  return csv >= 0 && (json < 0 || csv < json);
}
