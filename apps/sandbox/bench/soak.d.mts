export interface SoakFigures {
  seconds: number;
  requests: number;
  perSecond: number;
  /** Answers by HTTP status; -1 counts requests that got no answer. */
  statuses: Record<number, number>;
  serverErrors: number;
  transportErrors: number;
  startRss: number;
  peakRss: number;
}

export function residentBytes(pid: number): number | undefined;

export function soak(options: {
  port: number;
  pid: number | undefined;
  key: string;
  seconds: number;
  connections: number;
}): Promise<SoakFigures>;
