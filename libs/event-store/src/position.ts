import { Position } from './port';

const POSITION_TEXT = /^(\d{1,20})-(\d{1,20})$/;

/** "<commit>-<prepare>", safe in a URL, a header and a cursor */
export function positionToString(position: Position): string {
  return `${position.commit}-${position.prepare}`;
}

/** Both adapters count positions in unsigned 64-bit integers. */
const MAX_POSITION_PART = 2n ** 64n - 1n;

export function parsePosition(text: string): Position {
  const match = POSITION_TEXT.exec(text);
  const position = match && { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
  if (!position || position.commit > MAX_POSITION_PART || position.prepare > MAX_POSITION_PART) {
    throw new Error(
      `invalid position "${text}": expected "<commit>-<prepare>", two unsigned 64-bit integers`,
    );
  }
  return position;
}

/** negative when a comes first in the global order, 0 when equal, positive when b comes first */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
