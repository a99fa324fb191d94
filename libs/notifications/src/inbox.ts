import { isInstant } from '@recourse/contracts';
import type { Sql } from '@recourse/database';
import { decodeCursor, encodeCursor } from '@recourse/read-models';

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

/** One recipient's notifications, newest first (ties by id), cursor paging (InvalidCursor). */
export async function inbox(
  db: Sql,
  recipientId: string,
  page: { cursor?: string; limit: number },
): Promise<InboxPage> {
  const after = page.cursor ? decodeCursor(page.cursor, isInstant) : null;
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
