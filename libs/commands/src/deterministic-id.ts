import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/** Namespace of every id Recourse derives (UUIDv5 over it): fixed forever, ids depend on it. */
export const RECOURSE_ID_NAMESPACE = '5b0c3a52-8f8e-4f7e-9d6f-0c1d2b6a4e11';

/**
 * A UUID that is a pure function of `parts`, so that a retried request (or a retried append)
 * produces the very same ids and the store or the domain can recognise the repeat.
 */
export function deterministicId(...parts: unknown[]): string {
  const text = canonicalize(parts);
  if (text === undefined) throw new Error('deterministicId: parts cannot be serialised');
  return uuidV5(text);
}

const namespaceBytes = (namespace: string) => Buffer.from(namespace.replace(/-/g, ''), 'hex');
const RECOURSE_NAMESPACE_BYTES = namespaceBytes(RECOURSE_ID_NAMESPACE);

/**
 * RFC 9562 UUIDv5 of `name` in `namespace` (by default RECOURSE_ID_NAMESPACE): SHA-1 of namespace
 * and name, version and variant bits set (node:crypto directly; the uuid package's JavaScript
 * SHA-1 cost a filing more).
 */
export function uuidV5(name: string, namespace = RECOURSE_ID_NAMESPACE): string {
  const namespaceId =
    namespace === RECOURSE_ID_NAMESPACE ? RECOURSE_NAMESPACE_BYTES : namespaceBytes(namespace);
  const bytes = createHash('sha1').update(namespaceId).update(name, 'utf8').digest();
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
