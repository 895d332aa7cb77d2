/**
 * The two organizations every sandbox has: "demo", whose key is printed at
 * start, and "other", which exists so isolation can be shown and tested.
 *
 * The database keeps only key hashes. So that a file database can print the
 * same demo key after a restart, the plaintext keys are also written to
 * `credentials.json` (mode 0600) beside it: a sandbox convenience that a real
 * deployment would not have. A `:memory:` database gets fresh keys each start.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxCredential } from '../options.js';
import { type Db, prepare, transaction } from '../store/database.js';
import type { KeyStore } from './keys.js';

const CREDENTIALS_FILE = 'credentials.json';

export interface SeededCredentials {
  demo: SandboxCredential;
  other: SandboxCredential;
}

const ORGANIZATIONS = {
  demo: { name: 'Demo organization', user: 'Demo user' },
  other: { name: 'Other organization', user: 'Other user' },
} as const;

export function seedCredentials(db: Db, keys: KeyStore, dataDir: string | undefined): SeededCredentials {
  const file = dataDir ? join(dataDir, CREDENTIALS_FILE) : undefined;
  const saved = file && existsSync(file) ? readSaved(file) : undefined;
  if (saved && keys.authenticate(saved.demo.apiKey) && keys.authenticate(saved.other.apiKey)) return saved;

  const result = transaction(db, () => {
    const out = {} as SeededCredentials;
    for (const role of ['demo', 'other'] as const) {
      const existing = prepare<[string], { organization_id: string; user_id: string }>(
        db,
        `SELECT users.organization_id, users.id AS user_id FROM organizations
         JOIN users ON users.organization_id = organizations.id WHERE organizations.name = ? LIMIT 1`,
      ).get(ORGANIZATIONS[role].name);
      const { organizationId, userId } = existing
        ? { organizationId: existing.organization_id, userId: existing.user_id }
        : keys.createOrganization(ORGANIZATIONS[role].name, ORGANIZATIONS[role].user);
      out[role] = keys.issue(organizationId, userId, `${role} key`);
    }
    return out;
  });
  if (file) {
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return result;
}

function readSaved(file: string): SeededCredentials | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as SeededCredentials;
    return parsed?.demo?.apiKey && parsed?.other?.apiKey ? parsed : undefined;
  } catch {
    return undefined;
  }
}
