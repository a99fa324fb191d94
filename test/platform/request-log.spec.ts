import { startTestApp, type TestApp } from '../support/app';
import { PROBE_PATHS, ProbeModule } from './probe.module';

/** One line per request is one write per request: off the hot path unless REQUEST_LOG_LEVEL asks. */
describe('request log lines', () => {
  let t: TestApp;
  let citizen: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      modules: [ProbeModule],
      unvalidatedPaths: PROBE_PATHS,
      env: { LOG_LEVEL: 'info' },
      logDestination: { write: (line: string) => void lines.push(JSON.parse(line)) },
    });
    citizen = await t.token('u1', 'citizen');
  });
  afterAll(() => t.close());

  const linesOf = (correlationId: string) =>
    lines.filter((line) => line.correlationId === correlationId);

  it('writes no line for a request that succeeds or is refused, at LOG_LEVEL=info', async () => {
    await t.http.get('/probe/me').set('Authorization', citizen).set('X-Correlation-Id', 'quiet-1');
    await t.http.get('/probe/me').set('X-Correlation-Id', 'quiet-2').expect(401);
    expect(linesOf('quiet-1')).toEqual([]);
    expect(linesOf('quiet-2')).toEqual([]);
  });

  it('still writes a server error, at error level', async () => {
    await t.http
      .get('/probe/boom')
      .set('Authorization', citizen)
      .set('X-Correlation-Id', 'loud-1')
      .expect(500);
    expect(linesOf('loud-1')).toContainEqual(
      expect.objectContaining({ level: 50, msg: 'request errored' }),
    );
  });
});
