import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirectoryInUse, lockDataDirectory } from './data-directory-lock';

describe('lockDataDirectory', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'recourse-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const lockFile = () => join(dir, 'data', 'recourse.lock');
  const holdBy = (pid: number) =>
    writeFileSync(lockFile(), JSON.stringify({ pid, host: hostname(), since: 'earlier' }));

  it('creates the directory, holds it once per process, and gives it back', () => {
    const release = lockDataDirectory(join(dir, 'data'));
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(() => lockDataDirectory(join(dir, 'data'))).toThrow(DataDirectoryInUse);
    release();
    lockDataDirectory(join(dir, 'data'))();
  });

  it('refuses a directory a live process holds, naming it and the holder', () => {
    lockDataDirectory(join(dir, 'data'))();
    holdBy(process.ppid);
    expect(() => lockDataDirectory(join(dir, 'data'))).toThrow(
      `data directory ${join(dir, 'data')} is in use by process ${process.ppid} on ${hostname()}`,
    );
  });

  it('takes over a lock left by a process that is gone', () => {
    lockDataDirectory(join(dir, 'data'))();
    const gone = spawnSync('true').pid!;
    holdBy(gone);
    const release = lockDataDirectory(join(dir, 'data'));
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
  });
});
