import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@recourse/auth';
import { InboxPageDto } from '@recourse/contracts';
import { DATABASE } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import type { Actor } from '@recourse/domain';
import { inbox, type InboxPage } from '@recourse/notifications';
import { InvalidCursor } from '@recourse/read-models';
import { PageQueryDto } from '../queries/page-query.dto';

const DEFAULT_LIMIT = 20;

@ApiTags('notifications')
@Controller('v1/me/notifications')
export class InboxController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  @Roles('citizen')
  @ApiOperation({ summary: "the caller's notifications, newest first; cursor paging" })
  @ApiOkResponse({ type: InboxPageDto })
  @ApiForbiddenResponse({ description: 'citizens only' })
  async list(@Query() query: PageQueryDto, @CurrentActor() actor: Actor): Promise<InboxPage> {
    try {
      return await inbox(this.db, actor.id, {
        cursor: query.cursor,
        limit: query.limit ?? DEFAULT_LIMIT,
      });
    } catch (error) {
      if (error instanceof InvalidCursor) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
