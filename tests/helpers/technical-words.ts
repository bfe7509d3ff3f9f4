// Builder-facing text must never carry commit ids, branch names or vendor names.
export const TECHNICAL_WORDS = /\b[0-9a-f]{40}\b|staging|\bmain\b|vercel|github/i;
