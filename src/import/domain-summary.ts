import { z } from 'zod';

/** The package's organization domains against Scalekit: what the import adds, and which still need DNS verification. */
export const domainSummarySchema = z.object({
  /** Domains the package names, over `organizations` organizations. */
  total: z.number().int(),
  organizations: z.number().int(),
  /** To create (plan) or created (apply), unverified. */
  create: z.number().int(),
  /** In Scalekit already, on the right organization. */
  present: z.number().int(),
  failed: z.number().int(),
  /** Present or created but not verified: SSO routing by email domain waits for the customer's DNS TXT record. */
  needDnsVerification: z.number().int(),
  verified: z.number().int(),
  samples: z.array(z.object({ org: z.string(), domain: z.string(), status: z.string(), reason: z.string().optional() })),
});
export type DomainSummary = z.infer<typeof domainSummarySchema>;
