import { startTestApp, type TestApp } from '../support/app';
import {
  appealBody,
  castOf,
  command,
  countAllEvents,
  fileCase,
  petitionBody,
  typesOf,
  type Cast,
} from './api-fixtures';

type Who = keyof Cast;
const EVERYONE: Who[] = [
  'owner',
  'otherCitizen',
  'caseworker',
  'supervisor',
  'otherCaseworker',
  'otherSupervisor',
  'oversight',
  'admin',
];

interface Endpoint {
  name: string;
  /** prepares a case in which the command is allowed; undefined: filing, no case needed */
  setup?: (app: TestApp, cast: Cast) => Promise<string>;
  path: (caseId: string) => string;
  method?: 'get' | 'post';
  body: (who: Who) => object;
  /** the status each caller gets; everyone else gets 403 from the role check */
  allowed: Partial<Record<Who, number>>;
}

const filed = (app: TestApp, cast: Cast) => fileCase(app, cast.owner);
const acknowledged = async (app: TestApp, cast: Cast) => {
  const caseId = await filed(app, cast);
  await command(app, cast.caseworker, caseId, 'acknowledge');
  return caseId;
};
const USER_IDS: Record<Who, string> = {
  owner: 'citizen-liu',
  otherCitizen: 'citizen-wang',
  caseworker: 'cw-zhengzhou',
  supervisor: 'sv-zhengzhou',
  otherCaseworker: 'cw-henan',
  otherSupervisor: 'sv-henan',
  oversight: 'ovs-1',
  admin: 'adm-1',
};

const OWNER_ONLY = { owner: 200, otherCitizen: 404 };
const CURRENT_STAFF = {
  caseworker: 200,
  supervisor: 200,
  otherCaseworker: 404,
  otherSupervisor: 404,
};

const ENDPOINTS: Endpoint[] = [
  {
    name: 'file',
    path: () => '/v1/cases',
    body: () => appealBody(),
    allowed: { owner: 201, otherCitizen: 201 },
  },
  {
    name: 'information',
    setup: async (app, cast) => {
      const caseId = await acknowledged(app, cast);
      await command(app, cast.caseworker, caseId, 'request-information', { question: 'When?' });
      return caseId;
    },
    path: (id) => `/v1/cases/${id}/information`,
    body: () => ({ message: 'Yesterday.' }),
    allowed: OWNER_ONLY,
  },
  {
    name: 'evidence',
    setup: filed,
    path: (id) => `/v1/cases/${id}/evidence`,
    body: () => ({ description: 'A photo' }),
    allowed: OWNER_ONLY,
  },
  {
    name: 'withdraw',
    setup: filed,
    path: (id) => `/v1/cases/${id}/withdraw`,
    body: () => ({}),
    allowed: OWNER_ONLY,
  },
  {
    name: 'escalate',
    setup: async (app, cast) => {
      const caseId = await acknowledged(app, cast);
      await command(app, cast.caseworker, caseId, 'decision', {
        outcome: 'upheld',
        reasons: 'Rules.',
      });
      return caseId;
    },
    path: (id) => `/v1/cases/${id}/escalate`,
    body: () => ({ grounds: 'Wrong.' }),
    allowed: OWNER_ONLY,
  },
  {
    name: 'signatures',
    setup: (app, cast) => fileCase(app, cast.owner, petitionBody()),
    path: (id) => `/v1/cases/${id}/signatures`,
    body: () => ({}),
    allowed: { owner: 200, otherCitizen: 200 },
  },
  {
    name: 'acknowledge',
    setup: filed,
    path: (id) => `/v1/cases/${id}/acknowledge`,
    body: () => ({}),
    allowed: CURRENT_STAFF,
  },
  {
    name: 'assign',
    setup: filed,
    path: (id) => `/v1/cases/${id}/assign`,
    body: (who) => ({ caseworkerId: USER_IDS[who] }),
    allowed: CURRENT_STAFF,
  },
  {
    name: 'request-information',
    setup: acknowledged,
    path: (id) => `/v1/cases/${id}/request-information`,
    body: () => ({ question: 'When?' }),
    allowed: CURRENT_STAFF,
  },
  {
    name: 'decision',
    setup: acknowledged,
    path: (id) => `/v1/cases/${id}/decision`,
    body: () => ({ outcome: 'partially_overturned', reasons: 'Partly right.' }),
    allowed: CURRENT_STAFF,
  },
  {
    name: 'notes',
    setup: filed,
    path: (id) => `/v1/cases/${id}/notes`,
    body: () => ({ text: 'Internal.' }),
    allowed: CURRENT_STAFF,
  },
  {
    name: 'refer',
    setup: filed,
    path: (id) => `/v1/cases/${id}/refer`,
    body: () => ({ reason: 'Upstairs.' }),
    allowed: CURRENT_STAFF,
  },
  {
    name: 'audit',
    setup: filed,
    method: 'get',
    path: (id) => `/v1/cases/${id}/audit`,
    body: () => ({}),
    allowed: { oversight: 200 },
  },
];

const MATRIX = ENDPOINTS.flatMap((endpoint) =>
  EVERYONE.map((who) => [endpoint.name, who, endpoint.allowed[who] ?? 403, endpoint] as const),
);

/**
 * Every role against every command endpoint. A refused caller changes nothing; a caller who may
 * not see the case (another citizen, staff of another authority) gets 404, never 403.
 */
describe('authorisation matrix', () => {
  let app: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    app = await startTestApp();
    cast = await castOf(app);
  });
  afterAll(() => app.close());

  it.each(MATRIX)('%s by %s → %i', async (_name, who, status, endpoint) => {
    const caseId = endpoint.setup ? await endpoint.setup(app, cast) : undefined;
    const before = caseId ? await typesOf(app.eventStore, caseId) : [];
    const eventsBefore = await countAllEvents(app);
    const path = endpoint.path(caseId ?? '');
    const request =
      endpoint.method === 'get' ? app.http.get(path) : app.http.post(path).send(endpoint.body(who));
    const response = await request.set('Authorization', cast[who]);

    expect(response.status).toBe(status);
    const appended = (await countAllEvents(app)) - eventsBefore;
    if (status >= 400 || endpoint.method === 'get') {
      expect(appended).toBe(0);
      if (caseId) expect(await typesOf(app.eventStore, caseId)).toEqual(before);
    } else {
      expect(appended).toBeGreaterThan(0);
    }
    if (status === 404) {
      expect(response.body.type).toBe('https://recourse.example/problems/case-not-found');
    }
  });
});
