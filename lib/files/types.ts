// path inside the app (e.g. "app/page.tsx") → UTF-8 text content
export type FileMap = Record<string, string>;
