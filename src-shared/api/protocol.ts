import { z } from 'zod';

/** Version of the envelope below; a mismatch is refused with a clear message, never guessed at. */
export const API_PROTOCOL_VERSION = 1;

export const ApiRequest = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  name: z.string().max(64),
  args: z.unknown(),
});
export type ApiRequest = z.infer<typeof ApiRequest>;

export const ApiResponse = z.union([
  z.object({ type: z.literal('response'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({
    type: z.literal('response'),
    id: z.number().int(),
    ok: z.literal(false),
    error: z.object({ kind: z.string(), message: z.string() }),
  }),
]);
export type ApiResponse = z.infer<typeof ApiResponse>;

export const ApiEvent = z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() });
export type ApiEvent = z.infer<typeof ApiEvent>;

export const ServerMessage = z.union([ApiResponse, ApiEvent]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Largest request a transport accepts; anything bigger is refused before parsing. */
export const MAX_REQUEST_BYTES = 1_000_000;
