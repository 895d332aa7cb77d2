/**
 * `@scalar/types/entities` in the console's bundle (see ../trims.ts): Scalar's
 * OAuth2 form imports only this list from it; the real module builds zod
 * schemas the console never runs. The build checks this list against the
 * real module's.
 */
export const pkceOptions = ['SHA-256', 'plain', 'no'];
