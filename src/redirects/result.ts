import { z } from 'zod';

const uris = z.object({ redirectUris: z.array(z.string()), postLogoutRedirectUris: z.array(z.string()), initiateLoginUri: z.string() });
const route = z.object({ path: z.string(), from: z.string() });

/** configureRedirects' result: the CLI's --json document and the MCP tool's structuredContent (kept small: URLs and counts). */
export const redirectsResultSchema = z.object({
  mode: z.enum(['plan', 'apply', 'rollback']),
  environment: z.string(),
  clientId: z.string(),
  environmentType: z.enum(['development', 'production']),
  baseUrls: z.array(z.string()),
  routes: z.object({ callback: route, initiateLogin: route, postLogout: route }),
  current: uris,
  /** What the plan adds or sets; `keep` lists what is there already. */
  planned: z.object({
    redirectUris: z.object({ add: z.array(z.string()), keep: z.array(z.string()) }),
    postLogoutRedirectUris: z.object({ add: z.array(z.string()), keep: z.array(z.string()) }),
    initiateLoginUri: z.object({ set: z.string().optional(), keep: z.string().optional(), note: z.string().optional() }),
  }),
  /** URLs the tool will not register, each with Scalekit's (or the tool's) reason. */
  refused: z.array(z.object({ uri: z.string(), reason: z.string() })),
  changes: z.number().int(),
  applied: z.boolean(),
  /** After apply or rollback: the client's URLs as Scalekit now holds them. */
  after: uris.optional(),
  /** Rollback: what was put back, and what was left because it changed since the apply. */
  rollback: z.object({ removed: z.array(z.string()), restoredInitiateLogin: z.string().optional(), left: z.array(z.object({ uri: z.string(), reason: z.string() })) }).optional(),
  journal: z.string(),
  notes: z.array(z.string()),
  next: z.string(),
});
export type RedirectsResult = z.infer<typeof redirectsResultSchema>;
