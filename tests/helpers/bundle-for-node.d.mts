// `entry` is relative to the repository root; resolves to `outfile`.
export function bundleForNode(entry: string, outfile: string): Promise<string>;
