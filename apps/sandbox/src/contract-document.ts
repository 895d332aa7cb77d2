/**
 * The bundled contract the sandbox serves. It is imported rather than read
 * from `@freddy/spec`'s folder at run time, so the build carries it inside
 * `lib/` and the published package needs no `@freddy/spec` (which is not
 * published): `@freddy/spec`'s code is bundled in too, its model built from
 * this document.
 */
import { type Contract, describeContract } from '@freddy/spec';
import bundled from '@freddy/spec/openapi.json' with { type: 'json' };

export function sandboxContract(): Contract {
  return describeContract(bundled);
}
