/**
 * What every method returns: a promise of the parsed body that can also give
 * the HTTP response it came from, as openai-node's APIPromise does. The body
 * promise is made only when someone awaits it, so a caller who asks for
 * `withResponse()` alone leaves no unobserved rejection behind.
 */
export interface WithResponse<T> {
  data: T;
  response: Response;
  /** The answer's `x-request-id`, for a success too. */
  requestId: string | null;
}

export class ApiPromise<T> extends Promise<T> {
  private parsed: Promise<T> | undefined;

  constructor(private readonly answered: Promise<{ data: T; response: Response }>) {
    // The executor is never used: then/catch/finally read `answered` instead.
    super((resolve) => resolve(undefined as T));
  }

  // `then` on a subclass would otherwise build another ApiPromise through the species constructor.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** The body, the response it came from, and its request id. */
  withResponse(): Promise<WithResponse<T>> {
    return this.answered.then(({ data, response }) => ({
      data,
      response,
      requestId: response.headers.get('x-request-id'),
    }));
  }

  private body(): Promise<T> {
    this.parsed ??= this.answered.then(({ data }) => data);
    return this.parsed;
  }

  // Promise's own signature, `any` reason included, so an ApiPromise reads as a Promise. `catch` and
  // `finally` call `then` (as the language defines them), so they need no override.
  // biome-ignore lint/suspicious/noThenProperty: a Promise subclass is a thenable on purpose
  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    // biome-ignore lint/suspicious/noExplicitAny: as Promise.prototype.then declares it
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.body().then(onfulfilled, onrejected);
  }
}
