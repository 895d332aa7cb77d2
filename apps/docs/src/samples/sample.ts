/** One code sample as Redoc reads it from `x-codeSamples`. */
export interface CodeSample {
  lang: 'curl' | 'JavaScript' | 'Python' | 'TypeScript';
  label: string;
  source: string;
}
