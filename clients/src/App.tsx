import { useState } from 'react';
import { ApiBaseContext, resolveApiBase, saveApiBase } from './apiBase';
import { conceptById, LEVEL_NAMES } from './concepts';
import { IndexPage } from './IndexPage';
import { useHashRoute } from './useHashRoute';

export function App() {
  const route = useHashRoute();
  const [base, setBaseState] = useState(resolveApiBase);
  const setBase = (value: string) => {
    saveApiBase(value);
    setBaseState(resolveApiBase());
  };
  const concept = conceptById.get(route);

  return (
    <ApiBaseContext.Provider value={{ base, setBase }}>
      <header>
        <a href="#/" className="home">
          Flask track
        </a>
        <span>
          API base: <code data-testid="api-base">{base || '(same origin)'}</code>
        </span>
      </header>
      <main>
        {route === '' ? (
          <IndexPage />
        ) : concept ? (
          <article key={concept.id}>
            <p className="muted">
              <a href="#/">← all concepts</a> · Level {concept.level} — {LEVEL_NAMES[concept.level]}
            </p>
            <h1>
              {concept.id} · {concept.title}
            </h1>
            <concept.Page />
          </article>
        ) : (
          <p className="error" role="alert">
            No page for <code>#/{route}</code>. <a href="#/">Back to the index</a>.
          </p>
        )}
      </main>
    </ApiBaseContext.Provider>
  );
}
