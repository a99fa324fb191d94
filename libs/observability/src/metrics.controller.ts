import { Controller, Get, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '@recourse/auth';
import type { RecourseConfig } from '@recourse/config';
import { CONFIG } from '@recourse/infrastructure';
import { Metrics } from './metrics';

interface TextResponse {
  type(contentType: string): TextResponse;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** GET /metrics: open, or with METRICS_TOKEN set, only to `Authorization: Bearer <METRICS_TOKEN>`. */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly expected?: Buffer;

  constructor(
    private readonly metrics: Metrics,
    @Inject(CONFIG) config: RecourseConfig,
  ) {
    this.expected = config.metricsToken === undefined ? undefined : digest(config.metricsToken);
  }

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() res: TextResponse,
  ): Promise<void> {
    if (this.expected && !this.presents(authorization)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('/metrics needs "Authorization: Bearer <METRICS_TOKEN>"');
    }
    const { contentType, body } = await this.metrics.render();
    res.type(contentType).send(body);
  }

  /** compared as digests: equal length, constant time */
  private presents(authorization: string | undefined): boolean {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    return token !== undefined && timingSafeEqual(digest(token), this.expected!);
  }
}
