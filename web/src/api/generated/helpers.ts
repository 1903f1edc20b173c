/**
 * Short names for the generated route types (openapi.ts, from the server's zod schemas):
 * `ApiResponse<'/api/households', 'get'>` is what GET /api/households answers.
 * Paths are spelled as in OpenAPI: `/api/households/{id}`.
 */
import type { paths } from './openapi';

export type ApiPath = keyof paths;
export type ApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Operation<P extends ApiPath, M extends ApiMethod> = NonNullable<paths[P][M]>;
type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON body of the route's success answer (200; 201 or 202 where it creates or starts). */
export type ApiResponse<P extends ApiPath, M extends ApiMethod = 'get'> =
  Operation<P, M> extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201 | 202>]> : never;

/** The JSON body the route accepts. */
export type ApiBody<P extends ApiPath, M extends ApiMethod> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The route's query parameters. */
export type ApiQuery<P extends ApiPath, M extends ApiMethod = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of an array type: `Item<HouseholdPage['items']>`. */
export type Item<A> = A extends readonly (infer T)[] ? T : never;

/**
 * `T` with the fields of `U` in place of its own: where a route's response schema is looser than what
 * the server actually sends (a `z.string()` for a known enum, `z.record` for a typed payload), the web
 * names the server's own narrower type. Each use is a schema worth tightening on the server.
 */
export type Override<T, U> = Omit<T, keyof U> & U;
