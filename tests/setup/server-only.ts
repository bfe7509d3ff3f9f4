// Tests import server modules directly; `server-only` guards bundles, not Node.
export {};
