/** One code sample as Redoc reads it from `x-codeSamples`. */
export interface CodeSample {
  lang: 'curl' | 'JavaScript' | 'Python' | 'TypeScript';
  label: string;
  source: string;
}

/** The environment variable every sample reads the key from. */
export const API_KEY_VARIABLE = 'FREDDY_API_KEY';
