import { ConfigError, type RecourseConfig } from '@recourse/config';
import type { Database } from '@recourse/database';
import type { EventStore } from '@recourse/event-store';
import { TransparencyLogRuntime } from './transparency-log.module';

describe('TransparencyLogRuntime', () => {
  it('refuses to start without a signing key, naming the variable', async () => {
    const config = {
      transparencyLog: { origin: 'recourse.local/log', checkpointIntervalMs: 10_000 },
    } as RecourseConfig;
    const runtime = new TransparencyLogRuntime(config, {} as Database, {} as EventStore);
    const started = runtime.onApplicationBootstrap();
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(/^RECOURSE_LOG_SIGNING_KEY: /);
  });
});
