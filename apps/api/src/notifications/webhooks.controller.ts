import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '@recourse/auth';
import { CreatedWebhookDto, DeliveryLogDto, WebhookListDto } from '@recourse/contracts';
import { DATABASE, POLICY } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { findAuthority, type Actor, type Policy } from '@recourse/domain';
import {
  createSubscription,
  deleteSubscription,
  deliveryLog,
  listSubscriptions,
  type DeliveryLogEntry,
  type WebhookSubscription,
} from '@recourse/notifications';
import { problemType } from '@recourse/http-edge';
import { CreateWebhookDto } from './webhook.dto';

const DELIVERY_LOG_LIMIT = 200;

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  @Post()
  @Roles('admin', 'oversight')
  @ApiOperation({
    summary:
      'subscribe a URL to event types (optionally of one authority); deliveries are signed per ' +
      'Standard Webhooks with the returned whsec_ secret, shown only here',
  })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @ApiForbiddenResponse({ description: 'admin and oversight only' })
  async create(
    @Body() body: CreateWebhookDto,
    @CurrentActor() actor: Actor,
  ): Promise<{ id: string; secret: string }> {
    if (body.authorityId !== undefined && !findAuthority(this.policy, body.authorityId)) {
      const message = `no authority "${body.authorityId}" in the policy`;
      throw new BadRequestException({
        type: problemType('validation-failed'),
        title: 'Invalid request',
        detail: message,
        errors: [{ field: 'authorityId', message }],
      });
    }
    return createSubscription(this.db, { ...body, createdBy: actor.id });
  }

  @Get()
  @Roles('admin', 'oversight')
  @ApiOperation({ summary: 'every webhook subscription (without secrets)' })
  @ApiOkResponse({ type: WebhookListDto })
  async list(): Promise<{ items: WebhookSubscription[] }> {
    return { items: await listSubscriptions(this.db) };
  }

  @Delete(':id')
  @Roles('admin', 'oversight')
  @HttpCode(204)
  @ApiOperation({ summary: 'remove a subscription; its pending deliveries are cancelled' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiNotFoundResponse({ description: 'no such webhook' })
  async remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    if (!(await deleteSubscription(this.db, id))) throw new NotFoundException('no such webhook');
  }

  @Get(':id/deliveries')
  @Roles('admin')
  @ApiOperation({
    summary:
      "the subscription's delivery log, newest first: each delivery (webhook-id), its state " +
      '(pending, delivered, dead, cancelled) and every attempt',
  })
  @ApiOkResponse({ type: DeliveryLogDto })
  async deliveries(
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<{ items: DeliveryLogEntry[] }> {
    return { items: await deliveryLog(this.db, id, DELIVERY_LOG_LIMIT) };
  }
}
