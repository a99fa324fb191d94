import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { examplePolicy, loadPolicy, type Policy } from '@recourse/domain';
import { ConfigError } from './config-error';

/**
 * Reads a policy file and validates it with the domain's loader. The version is the file's
 * content hash, so deadlines computed from it name exactly the policy that produced them.
 * Any problem becomes a ConfigError for RECOURSE_POLICY, keeping the domain's field name.
 */
export function loadPolicyFile(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('RECOURSE_POLICY', `cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      'RECOURSE_POLICY',
      `${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const version = createHash('sha256').update(text).digest('hex').slice(0, 12);
  try {
    return loadPolicy(withoutDeclaredVersion(json), { version });
  } catch (error) {
    throw new ConfigError('RECOURSE_POLICY', `${path} is invalid: ${(error as Error).message}`);
  }
}

/** the content hash is the version, whatever the file declares: two different files never share one */
function withoutDeclaredVersion(json: unknown): unknown {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const { version: _declared, ...rest } = json as Record<string, unknown>;
  return rest;
}

/** the configured policy file, or the built-in example policy */
export function loadConfiguredPolicy(policyPath: string | undefined): Policy {
  return policyPath === undefined ? examplePolicy : loadPolicyFile(policyPath);
}
