/**
 * A select-list expression for every data key the subject in `subject` (a column or parameter of
 * the query) ever had: a JSON object of key id → wrapped key, null for a destroyed one. A query
 * that reads sealed values adds it to fetch their keys in the same round trip, and hands the
 * column to WrappedKeys.fromColumn. It reads the keys as they are when the query runs: opening
 * still never uses a key that was destroyed before.
 */
export const wrappedKeysOf = (subject: string): string =>
  `(SELECT coalesce(jsonb_object_agg(k.kid, k.wrapped), '{}')
      FROM personal_data_keys k WHERE k.subject = ${subject})`;

/**
 * Wrapped data keys a query read along with the sealed values they open (wrappedKeysOf), for
 * PersonalDataService.open. Held in a private field: JSON (an HTTP answer), a logger and
 * util.inspect all see an empty object, never the key material.
 */
export class WrappedKeys {
  readonly #byKid: ReadonlyMap<string, string | null>;

  private constructor(byKid: ReadonlyMap<string, string | null>) {
    this.#byKid = byKid;
  }

  /** The column wrappedKeysOf selected. */
  static fromColumn(column: Readonly<Record<string, string | null>>): WrappedKeys {
    return new WrappedKeys(new Map(Object.entries(column)));
  }

  /** The key wrapped, null when it was destroyed, undefined when the query did not read it. */
  wrapped(kid: string): string | null | undefined {
    return this.#byKid.get(kid);
  }
}
