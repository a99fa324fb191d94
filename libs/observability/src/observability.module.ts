import {
  Global,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { RecourseConfig } from '@recourse/config';
import { CONFIG, logDestination } from '@recourse/infrastructure';
import { assignCorrelationId } from './correlation';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { Metrics } from './metrics';

export interface ObservabilityOptions {
  /** where JSON log lines go, whatever LOG_FORMAT says; stdout by default (tests capture them) */
  logDestination?: DestinationStream;
}

const QUIET_PATHS = /^\/(metrics|health\/)/;

/**
 * Logs (nestjs-pino; JSON lines, or readable ones at a terminal) with a correlation id on every line of a request, Prometheus metrics
 * (`Metrics` for other modules, GET /metrics). Needs CONFIG (InfrastructureModule).
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: ObservabilityOptions = {}): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [CONFIG],
          useFactory: (config: RecourseConfig) => {
            const httpLogging: Options = {
              level: config.logLevel,
              genReqId: assignCorrelationId,
              // each line of a request carries only the correlation id; the completion line has the rest
              quietReqLogger: true,
              customAttributeKeys: { reqId: 'correlationId' },
              // one line per request is a write per request: debug unless REQUEST_LOG_LEVEL says
              customLogLevel: (_req, res, err) =>
                err || res.statusCode >= 500 ? 'error' : config.requestLogLevel,
              autoLogging: { ignore: (req) => QUIET_PATHS.test(req.url ?? '') },
              redact: ['req.headers.authorization', 'req.headers.cookie'],
            };
            return {
              forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
              pinoHttp: [httpLogging, options.logDestination ?? logDestination(config.logFormat)],
            };
          },
        }),
      ],
      controllers: [MetricsController],
      providers: [Metrics, HttpMetricsMiddleware],
      exports: [Metrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
