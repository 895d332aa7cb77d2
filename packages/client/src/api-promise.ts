/**
 * What every method returns: a promise of the parsed body that can also give
 * the HTTP response it came from, as openai-node's APIPromise does. A plain
 * `Promise` with one more method rather than a subclass: a subclass costs
 * bytes in every bundle and is rebuilt by each `then` (species).
 */
export interface WithResponse<T> {
  data: T;
  response: Response;
  /** The answer's `x-request-id`, for a success too. */
  requestId: string | null;
}

export interface ApiPromise<T> extends Promise<T> {
  /** The body, the response it came from, and its request id. */
  withResponse(): Promise<WithResponse<T>>;
}

const ignore = () => {};

export function apiPromise<T>(answered: Promise<{ data: T; response: Response }>): ApiPromise<T> {
  const body = answered.then(({ data }) => data) as ApiPromise<T>;
  body.withResponse = () => {
    // The caller observes the failure here; without this the body promise would reject
    // unobserved beside it, and Node would report an unhandled rejection.
    body.catch(ignore);
    return answered.then(({ data, response }) => ({ data, response, requestId: response.headers.get('x-request-id') }));
  };
  return body;
}
