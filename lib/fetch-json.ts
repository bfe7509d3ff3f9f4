// Browser-side JSON fetching: an error answer becomes a FetchError carrying
// the server's plain message and code, so the UI can show or switch on them.
export class FetchError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = "FetchError";
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      ...init,
      headers: { ...(init?.body ? { "content-type": "application/json" } : {}), ...init?.headers },
    });
  } catch {
    throw new FetchError("We couldn't reach the server. Check your connection and try again.", 0, "offline");
  }
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) {
    throw new FetchError(
      body?.error?.message ?? "Something went wrong. Please try again.",
      res.status,
      body?.error?.code ?? "internal",
    );
  }
  return body as T;
}
