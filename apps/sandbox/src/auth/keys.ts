/**
 * API keys: issued once, stored only as a hash, looked up per request.
 *
 * A plain SHA-256 is the right hash here: the keys are 32 random bytes, so
 * there is nothing to brute-force, and a slow password hash (scrypt, argon2)
 * would only cost every request its latency.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SandboxCredential } from '../options.js';
import { type Db, prepare } from '../store/database.js';

const API_KEY_PREFIX = 'ak_';

export interface Principal {
  organizationId: string;
  userId: string;
  /** The stored hash: a stable, non-secret identity of the key (rate limits, logs). */
  keyHash: string;
  /** A read-only key may list and retrieve; every write is refused with 403. */
  readOnly: boolean;
}

function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex');
}

function randomId(prefix: string): string {
  return `${prefix}${randomBytes(9).toString('base64url')}`;
}

export class KeyStore {
  private readonly lookup;
  private readonly insertKey;
  /**
   * Keys are never revoked while the server runs, so a found key can be
   * remembered: by the key as presented (no hash per request; the process
   * sees every presented key anyway) and by its hash.
   */
  private readonly cache = new Map<string, Principal>();
  private readonly presented = new Map<string, Principal>();

  constructor(private readonly db: Db) {
    this.lookup = prepare<[string], { organization_id: string; user_id: string; read_only: number }>(
      db,
      'SELECT organization_id, user_id, read_only FROM api_keys WHERE key_hash = ?',
    );
    this.insertKey = prepare<[string, string, string, string, string, number, number]>(
      db,
      `INSERT INTO api_keys (key_hash, key_prefix, organization_id, user_id, label, created_at, read_only)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  authenticate(apiKey: string): Principal | undefined {
    const known = this.presented.get(apiKey);
    if (known) return known;
    if (!apiKey.startsWith(API_KEY_PREFIX)) return undefined;
    const keyHash = hashApiKey(apiKey);
    const cached = this.cache.get(keyHash);
    if (cached) {
      this.presented.set(apiKey, cached);
      return cached;
    }
    const row = this.lookup.get(keyHash);
    if (!row) return undefined;
    const principal = {
      organizationId: row.organization_id,
      userId: row.user_id,
      keyHash,
      readOnly: row.read_only === 1,
    };
    this.cache.set(keyHash, principal);
    this.presented.set(apiKey, principal);
    return principal;
  }

  /** Issues a new key for a user; only its hash is stored. */
  issue(
    organizationId: string,
    userId: string,
    label: string,
    options: { readOnly?: boolean } = {},
  ): SandboxCredential {
    const apiKey = generateApiKey();
    const readOnly = options.readOnly === true;
    this.insertKey.run(
      hashApiKey(apiKey),
      apiKey.slice(0, 7),
      organizationId,
      userId,
      label,
      Math.floor(Date.now() / 1000),
      readOnly ? 1 : 0,
    );
    return { apiKey, organizationId, userId, ...(readOnly ? { readOnly } : {}) };
  }

  /** The hashes of an organization's keys (their rate-limit windows go with a reset). */
  keyHashesOf(organizationId: string): string[] {
    return prepare<[string], { key_hash: string }>(this.db, 'SELECT key_hash FROM api_keys WHERE organization_id = ?')
      .all(organizationId)
      .map((row) => row.key_hash);
  }

  createOrganization(name: string, userName: string): { organizationId: string; userId: string } {
    const organizationId = randomId('org_');
    const userId = randomId('uid_');
    this.db
      .prepare('INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)')
      .run(organizationId, name, Math.floor(Date.now() / 1000));
    this.db
      .prepare('INSERT INTO users (id, organization_id, name) VALUES (?, ?, ?)')
      .run(userId, organizationId, userName);
    return { organizationId, userId };
  }
}
