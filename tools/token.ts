/**
 * Mints a development token with the configured HS256 secret (AUTH_JWT_SECRET, or the embedded
 * dev secret under RECOURSE_DATA_DIR):
 *   npm run token -- --sub u1 --role citizen [--authority zhengzhou-health] [--expires 8h]
 * Prints the token on stdout, so `TOKEN=$(npm run -s token -- …)` works.
 */
import { parseArgs } from 'node:util';
import { isTokenRole, mintToken, TOKEN_ROLES } from '@recourse/auth';
import { loadConfig } from '@recourse/config';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      role: { type: 'string' },
      authority: { type: 'string' },
      expires: { type: 'string' },
    },
  });
  if (!values.sub || !isTokenRole(values.role)) {
    throw new Error(
      `usage: npm run token -- --sub <id> --role <${TOKEN_ROLES.join('|')}> [--authority <id>] [--expires 8h]`,
    );
  }
  const token = await mintToken(
    {
      sub: values.sub,
      role: values.role,
      authorityId: values.authority,
      expiresIn: values.expires,
    },
    loadConfig(),
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
