export declare const defaultSiteDir: string;

export interface SiteServer {
  /** Where the page is, ending in the prefix, e.g. `http://127.0.0.1:4011/`. */
  url: string;
  port: number;
  /** Tells every open page (live reload only) to reload. */
  reload(): void;
  close(): Promise<void>;
}

export declare function startSiteServer(options?: {
  root?: string;
  port?: number;
  prefix?: string;
  liveReload?: boolean;
}): Promise<SiteServer>;
