import { useEffect, useState, type FormEvent } from 'react';
import { callApi, type ApiResult } from './api';
import { useApiBase } from './apiBase';
import { conceptById, conceptPages, ladderById, LEVEL_NAMES, type Level } from './concepts';

interface ServerConcept {
  id: string;
  slug: string;
  title: string;
  level: number;
}

interface Row {
  id: string;
  title: string;
  level: Level;
  onServer: boolean;
  hasPage: boolean;
}

const LEVELS: Level[] = [1, 2, 3, 4, 5];

/**
 * Server concepts and client pages, merged by id, sorted by id. Title and level come from the
 * ladder (ladder.toml) when it knows the id; a server's own title shows only for ids it lacks.
 */
export function mergeConcepts(server: ServerConcept[]): Row[] {
  const rows = new Map<string, Row>();
  for (const c of server) {
    const known = ladderById.get(c.id);
    const level = known?.level ?? LEVELS.find((l) => l === c.level) ?? 5;
    rows.set(c.id, { id: c.id, title: known?.title ?? c.title, level, onServer: true, hasPage: conceptById.has(c.id) });
  }
  for (const page of conceptPages) {
    if (!rows.has(page.id)) {
      rows.set(page.id, { id: page.id, title: page.title, level: page.level, onServer: false, hasPage: true });
    }
  }
  return [...rows.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function ApiBaseForm() {
  const { base, setBase } = useApiBase();
  const [draft, setDraft] = useState(base);
  function submit(event: FormEvent) {
    event.preventDefault();
    setBase(draft);
  }
  return (
    <form onSubmit={submit} className="api-base">
      <label>
        API base URL (empty = same origin as this page)
        <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="http://127.0.0.1:5000" />
      </label>
      <button type="submit">Use this API</button>
      <p className="muted">
        Saved in this browser. A <code>?api=URL</code> query parameter overrides it for one visit.
      </p>
    </form>
  );
}

export function IndexPage() {
  const { base } = useApiBase();
  const [result, setResult] = useState<ApiResult | null>(null);

  useEffect(() => {
    let current = true;
    setResult(null);
    callApi({ base, path: '/concepts' }).then((r) => current && setResult(r));
    return () => {
      current = false;
    };
  }, [base]);

  const serverConcepts = (result?.json as { concepts?: ServerConcept[] } | undefined)?.concepts;
  const failed = result !== null && (result.status !== 200 || !Array.isArray(serverConcepts));
  const rows = mergeConcepts(failed ? [] : serverConcepts ?? []);
  const implementation = (result?.json as { implementation?: string } | undefined)?.implementation;

  return (
    <>
      <h1>Concepts</h1>
      <ApiBaseForm />
      {result === null && <p className="muted">Loading the concept list…</p>}
      {failed && (
        <div className="error" role="alert" data-testid="concepts-error">
          Could not load <code>{result.url}</code>:{' '}
          {result.error ?? `HTTP ${result.status} ${result.bodyText.slice(0, 300)}`}
        </div>
      )}
      {implementation && (
        <p>
          Server implementation: <strong data-testid="implementation">{implementation}</strong>
        </p>
      )}
      {result !== null &&
        LEVELS.map((level) => {
          const inLevel = rows.filter((row) => row.level === level);
          if (inLevel.length === 0) return null;
          return (
            <section key={level} aria-labelledby={`level-${level}`}>
              <h2 id={`level-${level}`}>
                Level {level} — {LEVEL_NAMES[level]}
              </h2>
              <ul className="concepts" data-testid={`level-${level}`}>
                {inLevel.map((row) => (
                  <li key={row.id}>
                    {row.hasPage ? <a href={`#/${row.id}`}>{row.id} {row.title}</a> : <span>{row.id} {row.title}</span>}
                    {!row.onServer && !failed && <span className="tag">not implemented by this server</span>}
                    {!row.hasPage && <span className="tag">no client page yet</span>}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
    </>
  );
}
