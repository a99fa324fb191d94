import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ERASED } from '@recourse/domain';
import { createApp } from '../../apps/api/src/create-app';
import { startTestApp, type TestApp } from '../support/app';
import { AUTHORITY, appealBody } from '../api/api-fixtures';
import { PERSONAL } from './support';

const OWNER = 'citizen-gao';

// The case view reads the owner's wrapped data keys with the case, in one query: two API
// processes on one database, each opening with what it has just read. Erasing in one makes the
// view in the other show "[erased]" on its very next read, and no answer or log line carries a
// wrapped key.
describe('case view opened with the keys read alongside the case (real PostgreSQL)', () => {
  let t: TestApp;
  let second: INestApplication;
  const logLines: string[] = [];
  const logDestination = { write: (line: string) => void logLines.push(line) };
  let owner: string;
  let caseworker: string;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: true, env: { LOG_LEVEL: 'debug' }, logDestination });
    second = await createApp(t.config, { database: t.database, logDestination });
    owner = await t.token(OWNER, 'citizen');
    caseworker = await t.token('cw-gao', 'caseworker', AUTHORITY);
    const filed = await t.http
      .post('/v1/cases')
      .set('Authorization', owner)
      .send(
        appealBody({
          grounds: PERSONAL.grounds,
          appellant: { name: PERSONAL.name, contact: PERSONAL.contact },
        }),
      )
      .expect(201);
    caseId = filed.body.id;
    const noted = await t.http
      .post(`/v1/cases/${caseId}/notes`)
      .set('Authorization', caseworker)
      .send({ text: PERSONAL.note })
      .expect(200);
    await t.http
      .get(`/v1/cases/${caseId}`)
      .set('Authorization', owner)
      .set('X-Min-Position', noted.body.position)
      .expect(200);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  const servers = () => [t.app.getHttpServer(), second.getHttpServer()];
  const viewIn = async (server: ReturnType<typeof servers>[number], token: string) => {
    const response = await request(server).get(`/v1/cases/${caseId}`).set('Authorization', token);
    expect(response.status).toBe(200);
    return response;
  };

  it('opens the view in both processes; neither the answer nor any log line holds the wrapped key', async () => {
    const { rows } = await t.database.query<{ wrapped: string }>(
      'SELECT wrapped FROM personal_data_keys WHERE subject = $1',
      [OWNER],
    );
    expect(rows).toEqual([{ wrapped: expect.any(String) }]);
    const [{ wrapped }] = rows;
    for (const server of servers()) {
      for (const token of [owner, caseworker]) {
        const response = await viewIn(server, token);
        expect(response.body.details).toMatchObject({
          grounds: PERSONAL.grounds,
          appellant: { name: PERSONAL.name, contact: PERSONAL.contact },
        });
        expect(response.text).not.toContain(wrapped);
        expect(response.text).not.toContain('$enc');
      }
      const staffView = (await viewIn(server, caseworker)).body;
      expect(staffView.notes).toEqual([expect.objectContaining({ text: PERSONAL.note })]);
    }
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(wrapped);
  });

  it('shows "[erased]" in the other process on its next read after an erasure', async () => {
    const admin = await t.token('adm-gao', 'admin');
    await t.http.post(`/v1/subjects/${OWNER}/erasure`).set('Authorization', admin).expect(200);
    // no waiting: neither for the projection of PersonalDataErased nor for any notification
    for (const server of servers().reverse()) {
      const ownView = (await viewIn(server, owner)).body;
      expect(ownView.details).toMatchObject({
        grounds: ERASED,
        appellant: { name: ERASED, contact: ERASED },
      });
      const staffView = (await viewIn(server, caseworker)).body;
      expect(staffView.notes).toEqual([expect.objectContaining({ text: ERASED })]);
      const text = JSON.stringify([ownView, staffView]);
      for (const value of Object.values(PERSONAL)) expect(text).not.toContain(value);
    }
  });
});
