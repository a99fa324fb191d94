import { quoteIdentifier as q, type Sql } from '@recourse/database';

/** An index of a projected table, as the live schema has it. */
export interface TableIndex {
  table: string;
  name: string;
  /** CREATE [UNIQUE] INDEX … as pg_get_indexdef gives it */
  definition: string;
  /** PRIMARY KEY (…) or UNIQUE (…) when the index is a constraint's */
  constraint: string | null;
  unique: boolean;
}

/** The indexes of `tables` in `schema`. */
export async function indexesOf(
  db: Sql,
  schema: string,
  tables: readonly string[],
): Promise<TableIndex[]> {
  const { rows } = await db.query<TableIndex>(
    `SELECT t.relname AS "table", i.relname AS name, pg_get_indexdef(i.oid) AS definition,
            (SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
              WHERE c.conindid = i.oid AND c.conrelid = t.oid) AS "constraint",
            x.indisunique AS "unique"
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND t.relname = ANY($2::text[])
      ORDER BY t.relname, i.relname`,
    [schema, tables],
  );
  return rows;
}

/** The statement that creates `index` on the same table in `schema`, under the same name. */
export function createIndexIn(schema: string, index: TableIndex): string {
  const table = `${q(schema)}.${q(index.table)}`;
  if (index.constraint) {
    return `ALTER TABLE ${table} ADD CONSTRAINT ${q(index.name)} ${index.constraint}`;
  }
  return index.definition.replace(/ ON \S+ USING /, ` ON ${table} USING `);
}
