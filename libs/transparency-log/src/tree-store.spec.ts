import type { Sql } from '@recourse/database';
import { appendLeaves, frontierOf, leafHash } from '@recourse/transparency';
import { readTreeEdge } from './tree-store';

/** A database that answers the edge's two reads, the nodes in an order of its own choosing. */
function databaseWithTreeOf(size: number, order: (rows: unknown[]) => unknown[]): Sql {
  const leaves = Array.from({ length: size }, (_, i) => Buffer.from(`leaf-${i}`));
  const stored = appendLeaves(0, [], leaves);
  return {
    query: async (text: string) => {
      if (text.includes('FROM log_tree_head')) {
        return { rows: [{ size: String(size), commit: '1', prepare: String(size) }] };
      }
      const rows = frontierOf(size).map((id) => {
        const node = stored.find((n) => n.level === id.level && n.index === id.index)!;
        // a leaf's row holds its data, an inner node's its hash (see SqlNodeReader)
        const hash = id.level === 0 ? leaves[id.index] : node.hash;
        return { level: id.level, idx: String(id.index), hash };
      });
      return { rows: order(rows) };
    },
  } as unknown as Sql;
}

describe('readTreeEdge', () => {
  it('gives the frontier in its order whatever order the rows come in', async () => {
    // given a tree of 7 leaves (frontier: 4, 2 and 1 leaves), its nodes read back reversed
    const sql = databaseWithTreeOf(7, (rows) => [...rows].reverse());

    // when the edge is read and a leaf appended onto it
    const edge = await readTreeEdge(sql);

    // then the frontier is frontierOf's, and appending to it works
    expect(edge.frontier.map((n) => [n.level, n.index])).toEqual(
      frontierOf(7).map((id) => [id.level, id.index]),
    );
    expect(() => appendLeaves(7, edge.frontier, [Buffer.from('leaf-7')])).not.toThrow();
    expect(edge.frontier[2].hash).toEqual(leafHash(Buffer.from('leaf-6')));
  });
});
