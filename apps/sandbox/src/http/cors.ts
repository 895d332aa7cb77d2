/** Permissive CORS on every answer, so browsers (the docs page's samples) can read the sandbox's answers. */
export const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'x-request-id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, Idempotent-Replayed, X-Sandbox-Example',
} as const;
