// The bundled contract (`dist/openapi.json`), imported as JSON, typed as the
// OpenAPI 3.1 document it is rather than as the literal shape of its text.
import type { OpenApiDocument } from '../lib/index.js';

declare const document: OpenApiDocument;
export default document;
