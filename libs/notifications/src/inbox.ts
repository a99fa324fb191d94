import type { Sql } from '@recourse/database';

export interface InboxItem {
  id: string;
  at: string;
  caseId: string | null;
  type: string;
  text: string;
  read: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  /** pass back as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export class InvalidInboxCursor extends Error {
  constructor() {
    super('invalid cursor: pass back the nextCursor of a previous page');
    this.name = 'InvalidInboxCursor';
  }
}

const encodeCursor = (at: string, id: string): string =>
  Buffer.from(JSON.stringify([at, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      !Number.isNaN(Date.parse(decoded[0])) &&
      typeof decoded[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(decoded[1])
    ) {
      return [decoded[0], decoded[1]];
    }
  } catch {
    // falls through to the error
  }
  throw new InvalidInboxCursor();
}

/** One recipient's notifications, newest first (ties by id), cursor paging. */
export async function inbox(
  db: Sql,
  recipientId: string,
  page: { cursor?: string; limit: number },
): Promise<InboxPage> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const { rows } = await db.query<{
    id: string;
    at: Date | string;
    case_id: string | null;
    type: string;
    text: string;
    read: boolean;
  }>(
    `SELECT id, at, case_id, type, text, read FROM notifications
      WHERE recipient_id = $1
        AND ($2::timestamptz IS NULL OR (at, id) < ($2::timestamptz, $3::uuid))
      ORDER BY at DESC, id DESC
      LIMIT $4`,
    [recipientId, after?.[0] ?? null, after?.[1] ?? null, page.limit + 1],
  );
  const items = rows.slice(0, page.limit).map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    caseId: row.case_id,
    type: row.type,
    text: row.text,
    read: row.read,
  }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > page.limit && last ? encodeCursor(last.at, last.id) : null,
  };
}
