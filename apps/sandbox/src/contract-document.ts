/**
 * The bundled contract the sandbox serves. It is imported rather than read
 * from `@freddy/spec`'s folder at run time, so the build carries it inside
 * `lib/` and the published package needs no `@freddy/spec` (which is not
 * published): `@freddy/spec`'s code is bundled in too, its model built from
 * this document. A sandbox may be given another bundled document instead
 * (the `contract` option), e.g. a copy with an operation added.
 */
import { type Contract, describeContract, type OpenApiDocument } from '@freddy/spec';
import bundled from '@freddy/spec/openapi.json' with { type: 'json' };

export function sandboxContract(document: object = bundled): Contract {
  return describeContract(document as OpenApiDocument);
}
