import type { ErrorAnswer } from '@pitwall/shared';

/** One request to the HTTP API; a refusal becomes an Error carrying the server's own words. */
export async function requestJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json()) as T | ErrorAnswer;
  if (!response.ok) {
    const error = (body as Partial<ErrorAnswer>).error;
    throw new Error(error ?? `${response.status} ${response.statusText}`);
  }
  return body as T;
}
