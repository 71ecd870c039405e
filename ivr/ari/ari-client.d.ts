/** The part of `ari-client` 2.2 that `ivr/ari/ari-rest.ts` uses; the package ships no types. */
declare module 'ari-client' {
  /** One REST operation generated from Asterisk's Swagger description; resolves with the decoded body. */
  export type AriOperation = (parameters?: Record<string, string | number | boolean | undefined>) => PromiseLike<unknown>;

  /** Operations of one ARI resource (`channels`, `bridges`, ...), keyed by their Swagger nickname. */
  export type AriResource = Record<string, AriOperation | undefined>;

  export interface AriClient {
    applications: AriResource;
    channels: AriResource;
    bridges: AriResource;
    playbacks: AriResource;
    recordings: AriResource;
  }

  /** Loads `/ari/api-docs/resources.json` and builds the client; rejects when Asterisk is unreachable. */
  export function connect(baseUrl: string, user: string, password: string): PromiseLike<AriClient>;

  const client: { connect: typeof connect };
  export default client;
}
