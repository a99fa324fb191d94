import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

const LOCK_FILE = 'recourse.lock';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** Another live process holds the embedded data directory: two writers would corrupt it. */
export class DataDirectoryInUse extends Error {
  constructor(
    readonly directory: string,
    readonly holder: Holder,
  ) {
    super(
      `data directory ${directory} is in use by process ${holder.pid} on ${holder.host} ` +
        `(since ${holder.since}): stop that process, or give this one another RECOURSE_DATA_DIR`,
    );
    this.name = 'DataDirectoryInUse';
  }
}

/**
 * Takes the embedded data directory for this process (created if missing): a lock file holding
 * the holder's pid, host and start time, created exclusively. A lock left by a process that is
 * gone (killed, crashed) on this host is taken over; one held by a live process refuses. Returns
 * the function that gives the directory back.
 */
export function lockDataDirectory(directory: string): () => void {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, LOCK_FILE);
  const mine: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!held.has(file) && createWhole(file, JSON.stringify(mine))) {
      held.add(file);
      return () => {
        held.delete(file);
        if (readHolder(file)?.since === mine.since) unlinkSync(file);
      };
    }
    const holder = readHolder(file);
    if (held.has(file) || (holder && isAlive(holder))) {
      throw new DataDirectoryInUse(directory, holder ?? mine);
    }
    // left by a process that is gone: remove it; the exclusive create decides between starters
    rmSync(file, { force: true });
  }
  throw new DataDirectoryInUse(directory, readHolder(file) ?? mine);
}

/** lock files this process holds (PGlite cannot be opened twice in one process either) */
const held = new Set<string>();

/** creates `file` with its whole content, or returns false when it exists: link() is atomic */
function createWhole(file: string, text: string): boolean {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, text);
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function readHolder(file: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

/** another host's process cannot be checked from here: assume it lives */
function isAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  // this very pid in a lock this process did not take: a restarted container reused it
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
