import { useCallback, useState } from 'react';
import { useApiBase } from './apiBase';

export interface ApiRequest {
  method?: string;
  /** Path on the API, e.g. "/p01/health" (query string included). */
  path: string;
  /** A value sent as JSON (JSON.stringify'd, Content-Type application/json). */
  body?: unknown;
  /** Text sent exactly as given (e.g. possibly malformed JSON); wins over `body`. */
  rawBody?: string;
  /** Content-Type for `rawBody` (default application/json). */
  contentType?: string;
  /** A multipart/form-data body (file uploads); the browser writes its Content-Type and boundary. */
  formData?: FormData;
  headers?: Record<string, string>;
  /** API base (default "" = same origin). Pages get it from useApiCall. */
  base?: string;
}

export interface ApiResult {
  /** What was sent: method and full URL. */
  method: string;
  url: string;
  /** HTTP status, or 0 when no response arrived (see `error`). */
  status: number;
  statusText: string;
  /** Response headers, names lower-cased. */
  headers: Record<string, string>;
  bodyText: string;
  /** Parsed body when it is JSON, else undefined. */
  json: unknown;
  elapsedMs: number;
  /** Set only for network failures (server down, CORS refusal, bad URL). */
  error?: string;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One HTTP call. Never throws: 4xx/5xx are ordinary results, network errors set `error`. */
export async function callApi(req: ApiRequest): Promise<ApiResult> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = `${req.base ?? ''}${req.path}`;
  const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
  let body: string | FormData | undefined;
  if (req.formData !== undefined) {
    body = req.formData;
  } else if (req.rawBody !== undefined) {
    body = req.rawBody;
    headers['Content-Type'] ??= req.contentType ?? 'application/json';
  } else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['Content-Type'] ??= 'application/json';
  }

  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const response = await fetch(url, { method, headers, body });
    const bodyText = await response.text();
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name.toLowerCase()] = value;
    });
    return {
      method,
      url,
      status: response.status,
      statusText: response.statusText,
      headers: responseHeaders,
      bodyText,
      json: parseJson(bodyText),
      elapsedMs: elapsed(),
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return {
      method,
      url,
      status: 0,
      statusText: '',
      headers: {},
      bodyText: '',
      json: undefined,
      elapsedMs: elapsed(),
      error: `Network error: ${reason} (is the server running, and does it allow this origin via CORS?)`,
    };
  }
}

/** State for a page's one API call: the last result, a loading flag and `run`. */
export function useApiCall() {
  const { base } = useApiBase();
  const [result, setResult] = useState<ApiResult | null>(null);
  const [loading, setLoading] = useState(false);
  const run = useCallback(
    async (req: ApiRequest) => {
      setLoading(true);
      setResult(await callApi({ base, ...req }));
      setLoading(false);
    },
    [base],
  );
  return { result, loading, run };
}
