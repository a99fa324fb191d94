import { IANAZone } from 'luxon';
import { DurationError, parseRule } from './duration';
import { dayOfIsoDate } from './local-time';
import { parseRetentionRule } from './retention';

/** A working calendar: which local days count as working days, in which time zone. */
export interface Calendar {
  id: string;
  timeZone: string;
  /** ISO weekdays that are not working days: 1 = Monday … 7 = Sunday */
  weekend: number[];
  /** local dates (yyyy-mm-dd) that are not working days */
  holidays: string[];
}

export interface Authority {
  id: string;
  name: string;
  calendar: string;
  /** the next authority up; null at the top, whose decision is final */
  escalatesTo: string | null;
}

export interface DeadlineRules {
  acknowledge: string;
  respond: string;
}

export interface Policy {
  /** which policy produced a deadline; stored in every deadline */
  version: string;
  calendars: Record<string, Calendar>;
  authorities: Authority[];
  deadlines: {
    appeal: { standard: DeadlineRules; urgent: DeadlineRules };
    /** petitions have standard deadlines only; the response clock starts at the support threshold */
    petition: { standard: DeadlineRules };
    /** deadlines of an authority that receives an escalated case */
    escalated: DeadlineRules;
  };
  escalation: { onMissedDeadline: boolean; citizenWindow: string };
  petition: { supportThreshold: number };
  alerts: { window: string; minCases: number; factor: number };
  /** statistics shown to anyone but oversight hide groups of fewer cases than this (default 5) */
  privacy: { minGroupSize: number };
  /** how long personal data is kept once a case is closed or withdrawn; null: until erased */
  retention: { personalData: string | null };
}

export const DEFAULT_MIN_GROUP_SIZE = 5;

/** An invalid policy file. `field` is a path like `authorities[1].escalatesTo`. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';

  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`invalid policy: ${field}: ${problem}`);
  }
}

export const findAuthority = (policy: Policy, authorityId: string): Authority | undefined =>
  policy.authorities.find((authority) => authority.id === authorityId);

export function calendarOf(policy: Policy, authority: Authority): Calendar {
  const calendar = policy.calendars[authority.calendar];
  if (!calendar)
    throw new PolicyError(
      `authorities.${authority.id}.calendar`,
      `unknown calendar "${authority.calendar}"`,
    );
  return calendar;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads one JSON object, refusing missing and unknown keys, so that a typo never goes unnoticed. */
function object(
  value: unknown,
  field: string,
  keys: { required: string[]; optional?: string[] },
): Json {
  if (!isObject(value)) throw new PolicyError(field, 'must be an object');
  const allowed = new Set([...keys.required, ...(keys.optional ?? [])]);
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) throw new PolicyError(join(field, key), 'unknown field');
  }
  for (const key of keys.required) {
    if (value[key] === undefined) throw new PolicyError(join(field, key), 'is required');
  }
  return value;
}

const join = (field: string, key: string): string => (field ? `${field}.${key}` : key);

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new PolicyError(field, 'must be a non-empty string');
  return value;
}

function rule(
  value: unknown,
  field: string,
  options: { workingDays: boolean } = { workingDays: true },
): string {
  const duration = text(value, field);
  try {
    const parsed = parseRule(duration);
    if (!options.workingDays && parsed.unit === 'working-days') {
      throw new PolicyError(field, `"${duration}" must be an absolute duration, not working days`);
    }
  } catch (error) {
    if (error instanceof DurationError) throw new PolicyError(field, error.message);
    throw error;
  }
  return duration;
}

function retentionRule(value: unknown, field: string): string {
  const duration = text(value, field);
  try {
    parseRetentionRule(duration);
  } catch (error) {
    if (error instanceof DurationError) throw new PolicyError(field, error.message);
    throw error;
  }
  return duration;
}

function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new PolicyError(field, 'must be a non-negative integer');
  }
  return value;
}

function calendar(value: unknown, field: string, id: string): Calendar {
  const json = object(value, field, { required: ['timeZone', 'weekend', 'holidays'] });
  const timeZone = text(json.timeZone, `${field}.timeZone`);
  if (!IANAZone.isValidZone(timeZone))
    throw new PolicyError(`${field}.timeZone`, `"${timeZone}" is not an IANA time zone`);
  if (!Array.isArray(json.weekend))
    throw new PolicyError(`${field}.weekend`, 'must be an array of ISO weekdays 1..7');
  const weekend = json.weekend.map((day, index) => {
    if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 7) {
      throw new PolicyError(
        `${field}.weekend[${index}]`,
        'must be an ISO weekday 1 (Monday) .. 7 (Sunday)',
      );
    }
    return day;
  });
  if (new Set(weekend).size !== weekend.length)
    throw new PolicyError(`${field}.weekend`, 'repeats a day');
  if (weekend.length === 7) throw new PolicyError(`${field}.weekend`, 'leaves no working day');
  if (!Array.isArray(json.holidays))
    throw new PolicyError(`${field}.holidays`, 'must be an array of yyyy-mm-dd dates');
  const holidays = json.holidays.map((date, index) => {
    if (typeof date !== 'string' || dayOfIsoDate(date) === null) {
      throw new PolicyError(
        `${field}.holidays[${index}]`,
        `${JSON.stringify(date)} is not a yyyy-mm-dd date`,
      );
    }
    return date;
  });
  return { id, timeZone, weekend, holidays };
}

function authorities(value: unknown, calendars: Record<string, Calendar>): Authority[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new PolicyError('authorities', 'must be a non-empty array');
  const list = value.map((entry, index): Authority => {
    const field = `authorities[${index}]`;
    const json = object(entry, field, {
      required: ['id', 'name', 'calendar'],
      optional: ['escalatesTo'],
    });
    const calendarId = text(json.calendar, `${field}.calendar`);
    if (!Object.hasOwn(calendars, calendarId))
      throw new PolicyError(`${field}.calendar`, `unknown calendar "${calendarId}"`);
    const escalatesTo =
      json.escalatesTo === undefined || json.escalatesTo === null
        ? null
        : text(json.escalatesTo, `${field}.escalatesTo`);
    return {
      id: text(json.id, `${field}.id`),
      name: text(json.name, `${field}.name`),
      calendar: calendarId,
      escalatesTo,
    };
  });
  const index = new Map<string, number>();
  list.forEach((authority, position) => {
    if (index.has(authority.id))
      throw new PolicyError(`authorities[${position}].id`, `"${authority.id}" is used twice`);
    index.set(authority.id, position);
  });
  list.forEach((authority, position) => {
    if (authority.escalatesTo !== null && !index.has(authority.escalatesTo)) {
      throw new PolicyError(
        `authorities[${position}].escalatesTo`,
        `unknown authority "${authority.escalatesTo}"`,
      );
    }
  });
  // walk up from every authority; the first link back into the walked chain closes a cycle
  list.forEach((authority) => {
    const seen = new Set<string>([authority.id]);
    for (
      let current = authority;
      current.escalatesTo !== null;
      current = list[index.get(current.escalatesTo)!]
    ) {
      if (seen.has(current.escalatesTo)) {
        throw new PolicyError(
          `authorities[${index.get(current.id)}].escalatesTo`,
          `escalation cycle: ${[...seen, current.escalatesTo].join(' → ')}`,
        );
      }
      seen.add(current.escalatesTo);
    }
  });
  return list;
}

function deadlineRules(value: unknown, field: string): DeadlineRules {
  const json = object(value, field, { required: ['acknowledge', 'respond'] });
  return {
    acknowledge: rule(json.acknowledge, `${field}.acknowledge`),
    respond: rule(json.respond, `${field}.respond`),
  };
}

/**
 * Validates a policy file (see DESIGN.md "Policy file") and returns the parsed policy.
 * Throws PolicyError naming the first offending field. The version is `json.version` when it is
 * a string, else `options.version`, else "builtin".
 */
export function loadPolicy(json: unknown, options: { version?: string } = {}): Policy {
  const root = object(json, '', {
    required: ['calendars', 'authorities', 'deadlines', 'escalation', 'petition', 'alerts'],
    optional: ['version', 'privacy', 'retention'],
  });
  if (root.version !== undefined && typeof root.version !== 'string')
    throw new PolicyError('version', 'must be a string');
  const version = (root.version as string | undefined) ?? options.version ?? 'builtin';

  if (!isObject(root.calendars) || Object.keys(root.calendars).length === 0) {
    throw new PolicyError('calendars', 'must be an object with at least one calendar');
  }
  const calendars: Record<string, Calendar> = {};
  for (const [id, entry] of Object.entries(root.calendars))
    calendars[id] = calendar(entry, `calendars.${id}`, id);

  const deadlinesJson = object(root.deadlines, 'deadlines', {
    required: ['appeal', 'petition', 'escalated'],
  });
  const appeal = object(deadlinesJson.appeal, 'deadlines.appeal', {
    required: ['standard', 'urgent'],
  });
  const petitionDeadlines = object(deadlinesJson.petition, 'deadlines.petition', {
    required: ['standard'],
  });
  const escalation = object(root.escalation, 'escalation', {
    required: ['onMissedDeadline', 'citizenWindow'],
  });
  if (typeof escalation.onMissedDeadline !== 'boolean') {
    throw new PolicyError('escalation.onMissedDeadline', 'must be true or false');
  }
  const petition = object(root.petition, 'petition', { required: ['supportThreshold'] });
  const alerts = object(root.alerts, 'alerts', { required: ['window', 'minCases', 'factor'] });
  if (
    typeof alerts.factor !== 'number' ||
    !(alerts.factor > 0) ||
    !Number.isFinite(alerts.factor)
  ) {
    throw new PolicyError('alerts.factor', 'must be a positive number');
  }

  return {
    version,
    calendars,
    authorities: authorities(root.authorities, calendars),
    deadlines: {
      appeal: {
        standard: deadlineRules(appeal.standard, 'deadlines.appeal.standard'),
        urgent: deadlineRules(appeal.urgent, 'deadlines.appeal.urgent'),
      },
      petition: {
        standard: deadlineRules(petitionDeadlines.standard, 'deadlines.petition.standard'),
      },
      escalated: deadlineRules(deadlinesJson.escalated, 'deadlines.escalated'),
    },
    escalation: {
      onMissedDeadline: escalation.onMissedDeadline,
      citizenWindow: rule(escalation.citizenWindow, 'escalation.citizenWindow'),
    },
    petition: { supportThreshold: count(petition.supportThreshold, 'petition.supportThreshold') },
    alerts: {
      window: rule(alerts.window, 'alerts.window', { workingDays: false }),
      minCases: count(alerts.minCases, 'alerts.minCases'),
      factor: alerts.factor,
    },
    privacy: privacy(root.privacy),
    retention: retention(root.retention),
  };
}

function privacy(value: unknown): Policy['privacy'] {
  if (value === undefined) return { minGroupSize: DEFAULT_MIN_GROUP_SIZE };
  const json = object(value, 'privacy', { required: [], optional: ['minGroupSize'] });
  if (json.minGroupSize === undefined) return { minGroupSize: DEFAULT_MIN_GROUP_SIZE };
  const minGroupSize = count(json.minGroupSize, 'privacy.minGroupSize');
  if (minGroupSize < 1) throw new PolicyError('privacy.minGroupSize', 'must be at least 1');
  return { minGroupSize };
}

function retention(value: unknown): Policy['retention'] {
  if (value === undefined) return { personalData: null };
  const json = object(value, 'retention', { required: [], optional: ['personalData'] });
  return {
    personalData:
      json.personalData === undefined || json.personalData === null
        ? null
        : retentionRule(json.personalData, 'retention.personalData'),
  };
}
