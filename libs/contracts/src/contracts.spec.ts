import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { appealExample } from '../../../test/support/fixtures';
import { AddEvidenceDto, DecisionDto, EmptyDto, FileCaseDto, nestsDeeperThan } from './index';

// The same options the API installs globally: unknown fields are refused, not dropped.
const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

async function violations(dto: new () => object, body: unknown): Promise<string[]> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: dto };
  try {
    await pipe.transform(body, metadata);
    return [];
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    return (error.getResponse() as { message: string[] }).message;
  }
}

const appeal = appealExample;

const petition = () => ({
  kind: 'petition',
  authorityId: 'zhengzhou-health',
  title: 'Publish the health-code rules',
  demand: 'Publish the rules that turn a code red.',
  appellant: { name: 'Liu', contact: 'liu@example.org' },
});

describe('FileCaseDto', () => {
  it('accepts the appeal of the design document', async () => {
    expect(await violations(FileCaseDto, appeal())).toEqual([]);
  });

  it('accepts a petition without priority and defaults it to standard', async () => {
    const dto = (await pipe.transform(petition(), {
      type: 'body',
      metatype: FileCaseDto,
    })) as FileCaseDto;
    expect(dto.priority ?? 'standard').toBe('standard');
  });

  it('requires the decision and grounds of an appeal', async () => {
    const { decision: _d, grounds: _g, ...body } = appeal();
    expect(await violations(FileCaseDto, body)).toEqual(
      expect.arrayContaining([
        "decision is required when kind is 'appeal'",
        "grounds is required when kind is 'appeal'",
      ]),
    );
  });

  it('refuses a decision on a petition and requires its title and demand', async () => {
    const { title: _t, demand: _d, ...body } = petition();
    const found = await violations(FileCaseDto, { ...body, decision: appeal().decision });
    expect(found).toEqual(
      expect.arrayContaining([
        "decision is only allowed when kind is 'appeal'",
        "title is required when kind is 'petition'",
        "demand is required when kind is 'petition'",
      ]),
    );
  });

  it('refuses an urgent petition', async () => {
    expect(await violations(FileCaseDto, { ...petition(), priority: 'urgent' })).toEqual([
      "a petition's priority can only be 'standard'",
    ]);
  });

  it('refuses petition fields on an appeal', async () => {
    expect(await violations(FileCaseDto, { ...appeal(), title: 'x' })).toEqual([
      "title is only allowed when kind is 'petition'",
    ]);
  });

  it('refuses unknown fields at the top and inside nested objects', async () => {
    const body = appeal();
    const found = await violations(FileCaseDto, {
      ...body,
      extra: 1,
      decision: { ...body.decision, extra: 2 },
      appellant: { ...body.appellant, extra: 3 },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'property extra should not exist',
        'decision.property extra should not exist',
        'appellant.property extra should not exist',
      ]),
    );
  });

  it('requires the appellant and refuses nested objects given as arrays', async () => {
    const { appellant, ...body } = appeal();
    expect(await violations(FileCaseDto, body)).toEqual(
      expect.arrayContaining(['appellant should not be null or undefined']),
    );
    expect(await violations(FileCaseDto, { ...body, appellant: [appellant] })).toEqual(
      expect.arrayContaining(['appellant must be an object']),
    );
    expect(await violations(FileCaseDto, { ...appeal(), decision: [appeal().decision] })).toEqual(
      expect.arrayContaining(['decision must be an object']),
    );
  });

  it('validates the nested decision', async () => {
    const body = appeal();
    const found = await violations(FileCaseDto, {
      ...body,
      decision: { ...body.decision, issuedAt: 'yesterday', automation: 'magic' },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('decision.issuedAt'),
        expect.stringContaining('decision.automation'),
      ]),
    );
  });

  it('requires the statedReason key but allows null', async () => {
    const body = appeal();
    const { statedReason: _s, ...decision } = body.decision;
    expect(await violations(FileCaseDto, { ...body, decision })).toEqual(
      expect.arrayContaining(['decision.statedReason must be a string']),
    );
    expect(
      await violations(FileCaseDto, { ...body, decision: { ...decision, statedReason: 'risk' } }),
    ).toEqual([]);
  });

  it('bounds string lengths', async () => {
    expect(await violations(FileCaseDto, { ...appeal(), grounds: 'x'.repeat(10_001) })).toEqual([
      'grounds must be shorter than or equal to 10000 characters',
    ]);
  });

  it('refuses values that are not objects', async () => {
    for (const body of [null, 'text', 42, [appeal()]]) {
      expect(await violations(FileCaseDto, body)).not.toEqual([]);
    }
  });
});

describe('command bodies', () => {
  it('refuse blank decision reasons', async () => {
    for (const reasons of ['  \n ', '\u200b\u200b', '\u2060\ufeff\u00a0', '\u3164', '\u202e\t']) {
      expect(await violations(DecisionDto, { outcome: 'upheld', reasons })).toEqual([
        'reasons must not be blank (it needs a visible character)',
      ]);
    }
    expect(await violations(DecisionDto, { outcome: 'upheld', reasons: 'Because.' })).toEqual([]);
  });

  it('check evidence hashes and URLs', async () => {
    expect(
      await violations(AddEvidenceDto, {
        description: 'photo',
        sha256: 'abc',
        url: 'http://example.org/x',
      }),
    ).toEqual(['sha256 must be 64 hexadecimal digits', 'url must be an https URL']);
    expect(
      await violations(AddEvidenceDto, {
        description: 'photo',
        sha256: 'a'.repeat(64),
        url: 'https://example.org/x.jpg',
      }),
    ).toEqual([]);
  });

  it('refuse any field on commands without input', async () => {
    expect(await violations(EmptyDto, { anything: true })).toEqual([
      'property anything should not exist',
    ]);
    expect(await violations(EmptyDto, {})).toEqual([]);
  });
});

describe('nestsDeeperThan', () => {
  it('measures arrays and objects without recursion', () => {
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: {} }] }, 3)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(nestsDeeperThan(deep, 32)).toBe(true);
  });
});
