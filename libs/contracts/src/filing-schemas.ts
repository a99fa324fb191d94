import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { KIND_FIELDS } from './kind-fields';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const SCHEMA_NAMES = { appeal: 'AppealFiling', petition: 'PetitionFiling' } as const;

/**
 * The body of POST /v1/cases in OpenAPI: one schema per kind, told apart by `kind`. FileCaseDto
 * validates both with conditional rules that a single schema cannot express.
 */
export const FILING_BODY_SCHEMA = {
  oneOf: [ref(SCHEMA_NAMES.appeal), ref(SCHEMA_NAMES.petition)],
  discriminator: {
    propertyName: 'kind',
    mapping: { appeal: ref(SCHEMA_NAMES.appeal).$ref, petition: ref(SCHEMA_NAMES.petition).$ref },
  },
};

/** AppealFiling and PetitionFiling, split from the schema generated for FileCaseDto. */
export function filingSchemas(fileCase: SchemaObject): Record<string, SchemaObject> {
  const split = (kind: 'appeal' | 'petition', other: 'appeal' | 'petition'): SchemaObject => {
    const foreign = new Set([...KIND_FIELDS[other].required, ...KIND_FIELDS[other].optional]);
    const properties = Object.fromEntries(
      Object.entries(fileCase.properties ?? {}).filter(([name]) => !foreign.has(name)),
    );
    properties.kind = { type: 'string', enum: [kind] };
    if (kind === 'petition') properties.priority = { type: 'string', enum: ['standard'] };
    return {
      ...fileCase,
      description: `Body of POST /v1/cases filing ${kind === 'appeal' ? 'an appeal' : 'a petition'}`,
      properties,
      required: [...(fileCase.required ?? []), ...KIND_FIELDS[kind].required],
      additionalProperties: false,
    };
  };
  return {
    [SCHEMA_NAMES.appeal]: split('appeal', 'petition'),
    [SCHEMA_NAMES.petition]: split('petition', 'appeal'),
  };
}

/** Filings the server accepts, shown in the documentation (and filed by a test to prove it). */
export const FILING_EXAMPLES = {
  appeal: {
    summary: 'An appeal against a health code turned red',
    value: {
      kind: 'appeal',
      authorityId: 'zhengzhou-health',
      priority: 'urgent',
      decision: {
        reference: 'HC-2026-0613-88121',
        type: 'health-code',
        outcome: 'red',
        issuedAt: '2026-06-13T08:10:00Z',
        statedReason: null,
        location: 'Zhengzhou East Station',
        automation: 'full',
      },
      grounds:
        'My code turned red after scanning a station QR code; I have no infection or contact.',
      remedy: 'Restore my code to green and explain the decision.',
      appellant: { name: 'Liu', contact: 'liu@example.org' },
    },
  },
  petition: {
    summary: 'A petition to publish the rules',
    value: {
      kind: 'petition',
      authorityId: 'zhengzhou-health',
      title: 'Publish the health-code rules',
      demand: 'Publish the rules that turn a code red.',
      appellant: { name: 'Liu', contact: 'liu@example.org' },
    },
  },
};
