import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ERASED, isSealed } from '@recourse/domain';
import { PersonalDataService, WrappedKeys, wrappedKeysOf } from '@recourse/personal-data';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { eventually } from '../support/eventually';

// Two API processes on one database, each with its own PersonalDataService: one keeps a
// citizen's sealing key, the other erases the citizen. Nothing erased opens again anywhere, and
// the first stops sealing under the destroyed key as soon as it hears of the erasure.
describe('sealing keys kept per process, dropped on erasure (real PostgreSQL)', () => {
  let database: TestDatabase;
  let first: PersonalDataService;
  let second: PersonalDataService;
  const now = new Date('2026-06-15T01:00:00Z');

  beforeAll(async () => {
    database = await openTestDatabase();
    const config = { kek: randomBytes(32).toString('base64') };
    first = new PersonalDataService(database, config);
    second = new PersonalDataService(database, config);
    await first.onModuleInit();
    await second.onModuleInit();
  });
  afterAll(async () => {
    await first?.onModuleDestroy();
    await second?.onModuleDestroy();
    await database?.close();
  });

  const kidOf = async (service: PersonalDataService, subject: string) =>
    (await service.sealerFor(subject, now)).seal('x').$enc.kid;

  it('gives both processes the one live key of a citizen', async () => {
    const [a, b] = await Promise.all([kidOf(first, 'ma'), kidOf(second, 'ma')]);
    expect(a).toBe(b);
    expect(await kidOf(first, 'ma')).toBe(a);
  });

  it('opens nothing erased in the process that kept the key, at once, and seals under a new key once it hears', async () => {
    const sealed = (await first.sealerFor('zhou', now)).seal('Zhou Ming, 12 Garden Road');
    expect(await first.open(sealed)).toBe('Zhou Ming, 12 Garden Road');

    const destroyed = await second.keys.destroy('zhou', now);

    expect(destroyed).toEqual([sealed.$enc.kid]);
    // opening reads the keys every time: no waiting for any notification
    expect(await first.open(sealed)).toBe(ERASED);
    // the erasure is NOTIFYed: the first process drops the key it kept and makes a new one
    const fresh = await eventually(async () => {
      const kid = await kidOf(first, 'zhou');
      return kid !== sealed.$enc.kid && kid;
    }, 5_000);
    expect(await kidOf(second, 'zhou')).toBe(fresh);
    expect(await first.open((await first.sealerFor('zhou', now)).seal('new address'))).toBe(
      'new address',
    );
  });

  it('drops the key at once in the process that erased', async () => {
    const before = await kidOf(first, 'li');
    await first.keys.destroy('li', now);
    expect(await kidOf(first, 'li')).not.toBe(before);
  });

  it('opens with the keys a query read alongside the values, looking up only the keys it did not read', async () => {
    const before = (await first.sealerFor('wu', now)).seal('Wu Hua, old address');
    await first.keys.destroy('wu', now);
    const value = {
      old: before,
      current: (await first.sealerFor('wu', now)).seal('Wu Hua, new address'),
      signer: (await first.sealerFor('chen', now)).seal('Chen Jie'),
    };
    const { rows } = await database.query<{ keys: Record<string, string | null> }>(
      `SELECT ${wrappedKeysOf('$1')} AS keys`,
      ['wu'],
    );
    const read = WrappedKeys.fromColumn(rows[0].keys);
    const wrapped = rows[0].keys[value.current.$enc.kid]!;
    expect(wrapped).toEqual(expect.any(String));
    expect(JSON.stringify({ read })).not.toContain(wrapped);
    expect(inspect(read, { showHidden: true, depth: 9 })).not.toContain(wrapped);

    const keyLookups = jest.spyOn(database, 'query');
    try {
      expect(await second.open(value, read)).toEqual({
        old: ERASED,
        current: 'Wu Hua, new address',
        signer: 'Chen Jie',
      });
      // wu's keys, destroyed or live, came with the query; only chen's was looked up
      expect(keyLookups.mock.calls).toEqual([[expect.any(String), [[value.signer.$enc.kid]]]]);
      keyLookups.mockClear();
      expect(await second.open({ old: value.old, current: value.current }, read)).toEqual({
        old: ERASED,
        current: 'Wu Hua, new address',
      });
      expect(keyLookups).not.toHaveBeenCalled();
      // opening copies what it changes: the value it was given still holds its envelopes
      expect(value).toEqual({ old: before, current: expect.anything(), signer: expect.anything() });
      expect([value.current, value.signer].every(isSealed)).toBe(true);
    } finally {
      keyLookups.mockRestore();
    }
  });
});
