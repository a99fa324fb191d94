import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/private-postgres';

const ROOT = join(__dirname, '../..');

/**
 * Starts the api as `npm run start:api` would (stdout a pipe, not a terminal), sends one request
 * carrying a correlation id, and returns everything the process wrote to stdout.
 */
async function stdoutOfOneRequest(env: Record<string, string>, correlationId: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'recourse-log-format-'));
  const port = await freePort();
  const api = spawn('node', ['-r', '@swc-node/register', 'apps/api/src/main.ts', '--api-only'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      RECOURSE_DATA_DIR: dataDir,
      PORT: String(port),
      REQUEST_LOG_LEVEL: 'info',
      ...env,
    },
  });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      api.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Recourse listening')) resolve();
      });
      api.once('exit', () => reject(new Error(`the api ended: ${output}`)));
    });
    const res = await fetch(`http://127.0.0.1:${port}/v1/cases/mine`, {
      headers: { 'X-Correlation-Id': correlationId },
    });
    expect(res.status).toBe(401);
  } finally {
    // SIGTERM closes the app gracefully, which flushes the asynchronous log destination
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return output.split('\n').filter((line) => line.trim() !== '');
}

/** a JSON log line is an object; a pretty line's indented field values may be JSON scalars */
const isJsonLine = (line: string) => {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
};

describe('log format of a running api', () => {
  it('writes JSON lines, the request line with its correlation id, when stdout is not a terminal', async () => {
    const lines = await stdoutOfOneRequest({}, 'json-format-1');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.filter((line) => !isJsonLine(line))).toEqual([]);
    expect(lines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({
        correlationId: 'json-format-1',
        res: expect.objectContaining({ statusCode: 401 }),
      }),
    );
  }, 120_000); // a child api compiles its TypeScript and opens PGlite: slow on a loaded machine

  it('writes readable lines with LOG_FORMAT=pretty, still naming the correlation id', async () => {
    const lines = await stdoutOfOneRequest({ LOG_FORMAT: 'pretty' }, 'pretty-format-1');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.filter(isJsonLine)).toEqual([]);
    const requestLine = lines.findIndex((line) => line.includes('request completed'));
    expect(requestLine).toBeGreaterThanOrEqual(0);
    expect(lines[requestLine]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO/);
    // pino-pretty puts the fields on the lines under the message
    expect(lines.slice(requestLine).join('\n')).toContain('correlationId: "pretty-format-1"');
  }, 120_000); // a child api compiles its TypeScript and opens PGlite: slow on a loaded machine
});
