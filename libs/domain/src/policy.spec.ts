import { examplePolicy, examplePolicyJson } from './example-policy';
import { findAuthority, loadPolicy, PolicyError } from './policy';

type Mutable = Record<string, unknown>;
/** The example policy JSON with one change applied to a fresh copy. */
const variant = (change: (json: Mutable & typeof examplePolicyJson) => void): unknown => {
  const json = structuredClone(examplePolicyJson) as Mutable & typeof examplePolicyJson;
  change(json);
  return json;
};
const mutable = (value: unknown) => value as Mutable;

function refusal(json: unknown): PolicyError {
  try {
    loadPolicy(json);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return error as PolicyError;
  }
  throw new Error('the policy was accepted');
}

describe('loadPolicy', () => {
  it('loads the DESIGN.md example', () => {
    const policy = loadPolicy(examplePolicyJson);
    expect(policy.version).toBe('example-1');
    expect(policy.calendars.cn).toEqual({
      id: 'cn',
      timeZone: 'Asia/Shanghai',
      weekend: [6, 7],
      holidays: ['2026-10-01'],
    });
    expect(policy.authorities.map((a) => [a.id, a.escalatesTo])).toEqual([
      ['zhengzhou-health', 'henan-health'],
      ['henan-health', 'national-ombudsman'],
      ['national-ombudsman', null],
    ]);
    expect(policy.deadlines.appeal.urgent).toEqual({ acknowledge: 'PT4H', respond: 'PT24H' });
    expect(policy.escalation).toEqual({ onMissedDeadline: true, citizenWindow: 'P15D' });
    expect(policy.petition.supportThreshold).toBe(100);
    expect(policy.alerts).toEqual({ window: 'PT1H', minCases: 10, factor: 5 });
    expect(examplePolicy).toEqual(policy);
  });

  it('takes the version from the file, else from the options, else "builtin"', () => {
    const { version: _version, ...unversioned } = structuredClone(examplePolicyJson);
    expect(loadPolicy(unversioned, { version: 'sha256:abc' }).version).toBe('sha256:abc');
    expect(loadPolicy(unversioned).version).toBe('builtin');
    expect(loadPolicy(examplePolicyJson, { version: 'ignored' }).version).toBe('example-1');
  });

  it('accepts a zero support threshold and an empty weekend', () => {
    const policy = loadPolicy(
      variant((json) => {
        mutable(json.petition).supportThreshold = 0;
        mutable(json.calendars.cn).weekend = [];
      }),
    );
    expect(policy.petition.supportThreshold).toBe(0);
    expect(policy.calendars.cn.weekend).toEqual([]);
  });

  it('reads privacy and retention, with defaults when absent', () => {
    expect(examplePolicy.privacy).toEqual({ minGroupSize: 5 });
    expect(examplePolicy.retention).toEqual({ personalData: 'P2Y' });
    const bare = variant((json) => {
      delete mutable(json).privacy;
      delete mutable(json).retention;
    });
    expect(loadPolicy(bare).privacy).toEqual({ minGroupSize: 5 });
    expect(loadPolicy(bare).retention).toEqual({ personalData: null });
  });

  it.each<[string, string, unknown]>([
    ['privacy.minGroupSize', 'must be at least 1', { privacy: { minGroupSize: 0 } }],
    ['privacy.minGroupSize', 'non-negative integer', { privacy: { minGroupSize: 2.5 } }],
    ['privacy.floor', 'unknown field', { privacy: { floor: 5 } }],
    ['retention.personalData', 'counts working days', { retention: { personalData: 'P10WD' } }],
    ['retention.personalData', 'empty duration', { retention: { personalData: 'P0Y' } }],
    [
      'retention.personalData',
      'not an ISO 8601 duration',
      { retention: { personalData: 'two years' } },
    ],
  ])('names %s when it is wrong', (field, message, change) => {
    const error = refusal({ ...structuredClone(examplePolicyJson), ...(change as object) });
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
  });

  it('finds authorities by id', () => {
    expect(findAuthority(examplePolicy, 'henan-health')?.name).toBe(
      'Henan Provincial Health Commission',
    );
    expect(findAuthority(examplePolicy, 'nowhere')).toBeUndefined();
  });

  it.each<[string, string, (json: Mutable & typeof examplePolicyJson) => void]>([
    [
      'an unknown calendar',
      'authorities[0].calendar',
      (json) => (mutable(json.authorities[0]).calendar = 'eu'),
    ],
    [
      'an unknown escalation target',
      'authorities[1].escalatesTo',
      (json) => (mutable(json.authorities[1]).escalatesTo = 'un'),
    ],
    [
      'an escalation cycle',
      'authorities[2].escalatesTo',
      (json) => (mutable(json.authorities[2]).escalatesTo = 'zhengzhou-health'),
    ],
    [
      'an authority escalating to itself',
      'authorities[2].escalatesTo',
      (json) => (mutable(json.authorities[2]).escalatesTo = 'national-ombudsman'),
    ],
    [
      'a duplicate authority id',
      'authorities[1].id',
      (json) => (mutable(json.authorities[1]).id = 'zhengzhou-health'),
    ],
    ['no authorities', 'authorities', (json) => (mutable(json).authorities = [])],
    [
      'a malformed duration',
      'deadlines.appeal.standard.respond',
      (json) => (mutable(json.deadlines.appeal.standard).respond = 'fifteen days'),
    ],
    [
      'a month duration',
      'deadlines.escalated.acknowledge',
      (json) => (mutable(json.deadlines.escalated).acknowledge = 'P1M'),
    ],
    [
      'a zero duration',
      'deadlines.petition.standard.respond',
      (json) => (mutable(json.deadlines.petition.standard).respond = 'PT0S'),
    ],
    [
      'a working-day alert window',
      'alerts.window',
      (json) => (mutable(json.alerts).window = 'P1WD'),
    ],
    [
      'a malformed escalation window',
      'escalation.citizenWindow',
      (json) => (mutable(json.escalation).citizenWindow = '15 days'),
    ],
    [
      'a negative threshold',
      'petition.supportThreshold',
      (json) => (mutable(json.petition).supportThreshold = -1),
    ],
    [
      'a fractional threshold',
      'petition.supportThreshold',
      (json) => (mutable(json.petition).supportThreshold = 2.5),
    ],
    [
      'a textual threshold',
      'petition.supportThreshold',
      (json) => (mutable(json.petition).supportThreshold = '100'),
    ],
    ['a fractional minCases', 'alerts.minCases', (json) => (mutable(json.alerts).minCases = 1.5)],
    ['a zero alert factor', 'alerts.factor', (json) => (mutable(json.alerts).factor = 0)],
    [
      'a bad time zone',
      'calendars.cn.timeZone',
      (json) => (mutable(json.calendars.cn).timeZone = 'Asia/Atlantis'),
    ],
    [
      'weekend day 0',
      'calendars.cn.weekend[0]',
      (json) => (mutable(json.calendars.cn).weekend = [0, 6]),
    ],
    [
      'weekend day 8',
      'calendars.cn.weekend[1]',
      (json) => (mutable(json.calendars.cn).weekend = [6, 8]),
    ],
    [
      'a repeated weekend day',
      'calendars.cn.weekend',
      (json) => (mutable(json.calendars.cn).weekend = [6, 6]),
    ],
    [
      'a week without working days',
      'calendars.cn.weekend',
      (json) => (mutable(json.calendars.cn).weekend = [1, 2, 3, 4, 5, 6, 7]),
    ],
    [
      'an impossible holiday',
      'calendars.cn.holidays[1]',
      (json) => (mutable(json.calendars.cn).holidays = ['2026-10-01', '2026-02-30']),
    ],
    [
      'a holiday in another format',
      'calendars.cn.holidays[0]',
      (json) => (mutable(json.calendars.cn).holidays = ['01/10/2026']),
    ],
    ['no calendars', 'calendars', (json) => (mutable(json).calendars = {})],
    ['a missing field', 'deadlines.escalated', (json) => delete mutable(json.deadlines).escalated],
    [
      'a missing authority name',
      'authorities[2].name',
      (json) => delete mutable(json.authorities[2]).name,
    ],
    ['an unknown top-level field', 'sla', (json) => (mutable(json).sla = {})],
    [
      'an unknown nested field',
      'deadlines.petition.urgent',
      (json) => (mutable(json.deadlines.petition).urgent = {}),
    ],
    [
      'a non-boolean onMissedDeadline',
      'escalation.onMissedDeadline',
      (json) => (mutable(json.escalation).onMissedDeadline = 'yes'),
    ],
    ['a non-string version', 'version', (json) => (mutable(json).version = 2)],
  ])('refuses %s, naming %s', (_case, field, change) => {
    const error = refusal(variant(change));
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('refuses a policy that is not an object', () => {
    expect(refusal([]).message).toMatch(/must be an object/);
    expect(refusal(null).message).toMatch(/must be an object/);
  });
});
