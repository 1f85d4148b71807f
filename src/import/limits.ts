/** The highest --rate and --concurrency an import, verify or rollback accepts. */
export const MAX_RATE = 100_000;
export const MAX_CONCURRENCY = 256;
