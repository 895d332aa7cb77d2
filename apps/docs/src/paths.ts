import { fileURLToPath } from 'node:url';

/** Folders of this app, absolute, so scripts work from any working directory. */
export const appDir = fileURLToPath(new URL('..', import.meta.url));
export const siteDir = fileURLToPath(new URL('../site/', import.meta.url));
export const assetsDir = fileURLToPath(new URL('../assets/', import.meta.url));
export const docsSpecPath = fileURLToPath(new URL('../build/openapi.json', import.meta.url));
