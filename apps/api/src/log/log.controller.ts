import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  CheckpointPageDto,
  ConsistencyProofDto,
  InclusionProofDto,
  LeavesDto,
} from '@recourse/contracts';
import { Public } from '@recourse/auth';
import type { Database } from '@recourse/database';
import { DATABASE } from '@recourse/infrastructure';
import {
  checkpointsAfter,
  latestCheckpoint,
  leavesBetween,
  merkleTreeOf,
  readTreeHead,
  type StoredCheckpoint,
} from '@recourse/transparency-log';
import {
  CheckpointsQueryDto,
  ConsistencyQueryDto,
  InclusionQueryDto,
  LeavesQueryDto,
  MAX_LEAVES,
} from './log-query.dto';

const DEFAULT_CHECKPOINTS = 100;
const hex = (hashes: Buffer[]): string[] => hashes.map((h) => h.toString('hex'));

/**
 * The transparency log, public: checkpoints, proofs and leaf data reveal hashes only (DESIGN.md,
 * "Transparency log"). Sizes beyond the tree as it stands are bad input (400), like malformed ones.
 */
@ApiTags('transparency log')
@ApiServiceUnavailableResponse({ description: 'the database is unavailable; retry later' })
@Public()
@Controller('v1/log')
export class LogController {
  /**
   * The largest tree size seen: the tree only grows, so a size up to it needs no head read, and a
   * proof costs one round trip to the database instead of two.
   */
  private knownTreeSize = 0;

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get('checkpoint')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({ summary: 'the latest signed checkpoint (a C2SP signed note)' })
  @ApiOkResponse({
    description: 'origin, tree size, base64 root, blank line, signature',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ description: 'no checkpoint has been signed yet' })
  async checkpoint(): Promise<string> {
    return (await this.latest()).note;
  }

  @Get('key')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiOperation({
    summary: 'the verifier key: <origin>+<8 hex key hash>+<base64(0x01 ‖ Ed25519 key)>',
  })
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'no checkpoint has been signed yet' })
  async key(): Promise<string> {
    return `${(await this.latest()).verifierKey}\n`;
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'every checkpoint signed, oldest first; cursor paging' })
  @ApiOkResponse({ type: CheckpointPageDto })
  @ApiBadRequestResponse({ description: 'bad cursor or limit' })
  async checkpoints(@Query() query: CheckpointsQueryDto) {
    const limit = query.limit ?? DEFAULT_CHECKPOINTS;
    const page = await checkpointsAfter(this.db, query.cursor ?? -1, limit);
    return {
      items: page.map(({ treeSize, note, signedAt }) => ({ treeSize, note, signedAt })),
      nextCursor: page.length === limit ? String(page[page.length - 1].treeSize) : null,
    };
  }

  @Get('proof/inclusion')
  @ApiOperation({ summary: 'RFC 9162 inclusion proof of leaf logIndex in the tree of treeSize' })
  @ApiOkResponse({ type: InclusionProofDto })
  @ApiBadRequestResponse({ description: 'missing, malformed or out-of-range parameters' })
  async inclusion(@Query() { logIndex, treeSize }: InclusionQueryDto) {
    await this.withinTree(treeSize, 'treeSize');
    if (logIndex >= treeSize) {
      throw new BadRequestException(`logIndex must be below treeSize (${treeSize})`);
    }
    const proof = await merkleTreeOf(this.db).inclusionProof(logIndex, treeSize);
    return {
      logIndex,
      treeSize,
      leafHash: proof.leafHash.toString('hex'),
      hashes: hex(proof.hashes),
    };
  }

  @Get('proof/consistency')
  @ApiOperation({ summary: 'RFC 9162 consistency proof from tree size `from` to tree size `to`' })
  @ApiOkResponse({ type: ConsistencyProofDto })
  @ApiBadRequestResponse({ description: 'missing, malformed or out-of-range parameters' })
  async consistency(@Query() { from, to }: ConsistencyQueryDto) {
    await this.withinTree(to, 'to');
    if (from > to) throw new BadRequestException(`from must not exceed to (${to})`);
    const proof = await merkleTreeOf(this.db).consistencyProof(from, to);
    return { from, to, hashes: hex(proof.hashes) };
  }

  @Get('leaves')
  @ApiOperation({
    summary: `leaf data (event chain hashes) of logIndex start..end-1, in log order`,
  })
  @ApiOkResponse({ type: LeavesDto })
  @ApiBadRequestResponse({ description: 'missing, malformed or out-of-range parameters' })
  async leaves(@Query() { start, end }: LeavesQueryDto) {
    await this.withinTree(end, 'end');
    if (start >= end) throw new BadRequestException('start must be below end');
    if (end - start > MAX_LEAVES) {
      throw new BadRequestException(`at most ${MAX_LEAVES} leaves per request`);
    }
    return { start, end, leaves: await leavesBetween(this.db, start, end) };
  }

  private async latest(): Promise<StoredCheckpoint> {
    const checkpoint = await latestCheckpoint(this.db);
    if (!checkpoint) throw new NotFoundException('No checkpoint has been signed yet.');
    return checkpoint;
  }

  private async withinTree(size: number, name: string): Promise<void> {
    if (size <= this.knownTreeSize) return;
    const head = await readTreeHead(this.db);
    this.knownTreeSize = Math.max(this.knownTreeSize, head.size);
    if (size > head.size) {
      throw new BadRequestException({
        detail: `${name} ${size} is beyond the tree (size ${head.size})`,
        errors: [{ field: name, message: `must not exceed the tree size ${head.size}` }],
      });
    }
  }
}
