import canonicalize from 'canonicalize';
import { v5 as uuidv5 } from 'uuid';

/** Namespace of every id Recourse derives (UUIDv5 over it): fixed forever, ids depend on it. */
export const RECOURSE_ID_NAMESPACE = '5b0c3a52-8f8e-4f7e-9d6f-0c1d2b6a4e11';

/**
 * A UUID that is a pure function of `parts`, so that a retried request (or a retried append)
 * produces the very same ids and the store or the domain can recognise the repeat.
 */
export function deterministicId(...parts: unknown[]): string {
  const text = canonicalize(parts);
  if (text === undefined) throw new Error('deterministicId: parts cannot be serialised');
  return uuidv5(text, RECOURSE_ID_NAMESPACE);
}
