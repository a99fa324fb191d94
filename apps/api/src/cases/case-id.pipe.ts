import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '@recourse/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Case ids are UUIDs (any case). */
export const isCaseId = (value: string): boolean => UUID.test(value);

/**
 * Case ids are UUIDs. Anything else cannot name a case, so it gets the very same 404 as an
 * unknown case (not a 400 that would tell ids and cases apart).
 */
@Injectable()
export class CaseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isCaseId(value)) throw new DomainError('case-not-found', 'no such case');
    return value.toLowerCase();
  }
}
