/**
 * Schema and channel names are spliced into SQL (LISTEN, search_path, CREATE SCHEMA cannot take
 * parameters), so only plain identifiers are accepted and they are always double-quoted.
 */
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function quoteIdentifier(name: string): string {
  if (!PLAIN_IDENTIFIER.test(name)) {
    throw new Error(
      `invalid SQL identifier "${name}": use letters, digits and _ (at most 63, not starting with a digit)`,
    );
  }
  return `"${name}"`;
}
