import type { ApiResult } from '../api';

/** Response headers worth showing while learning (shown in this order, when present). */
export const INTERESTING_HEADERS = [
  'X-Request-ID',
  'Server-Timing',
  'Location',
  'Allow',
  'ETag',
  'Content-Type',
  'Cache-Control',
  'Last-Modified',
  'Content-Range',
  'Content-Disposition',
  'WWW-Authenticate',
  'Retry-After',
  'RateLimit',
  'RateLimit-Policy',
  'X-Cache',
  'X-Query-Count',
  'Link',
  'Deprecation',
  'Sunset',
];

/** Pretty JSON when the body is JSON, the raw text otherwise. */
export function formatBody(result: ApiResult): string {
  if (result.json !== undefined) return JSON.stringify(result.json, null, 2);
  return result.bodyText;
}

interface Props {
  result: ApiResult | null;
  loading?: boolean;
}

export function ResponseViewer({ result, loading = false }: Props) {
  if (loading) return <section className="response muted" aria-busy="true">Waiting for the response…</section>;
  if (!result) return <section className="response muted">No request sent yet.</section>;

  const shownHeaders = INTERESTING_HEADERS.flatMap((name) => {
    const value = result.headers[name.toLowerCase()];
    return value === undefined ? [] : [[name, value] as const];
  });
  const body = formatBody(result);
  const statusClass = result.status >= 500 ? 's5xx' : result.status >= 400 ? 's4xx' : 's2xx';

  return (
    <section className="response" aria-label="Response">
      <p className="request-line">
        <code data-testid="request-line">
          {result.method} {result.url}
        </code>{' '}
        <span className="muted" data-testid="elapsed">
          {result.elapsedMs} ms
        </span>
      </p>

      {result.error ? (
        <p className="error" role="alert" data-testid="network-error">
          {result.error}
        </p>
      ) : (
        <>
          <p>
            Status{' '}
            <strong className={`status ${statusClass}`} data-testid="status">
              {result.status}
            </strong>{' '}
            {result.statusText}
          </p>
          {shownHeaders.length > 0 && (
            <table className="headers">
              <tbody>
                {shownHeaders.map(([name, value]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>
                      <code>{value}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="muted">
            {body === '' ? 'Empty body.' : `Body (${result.bodyText.length.toLocaleString('en')} characters):`}
          </p>
          <pre className="body" data-testid="body">
            {body}
          </pre>
        </>
      )}
    </section>
  );
}
