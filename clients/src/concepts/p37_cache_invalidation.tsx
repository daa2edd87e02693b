import { useState } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P37CacheInvalidation() {
  const { result, loading, run } = useApiCall();
  const [id, setId] = useState('1');
  const [title, setTitle] = useState('There are only two hard things');
  const [body, setBody] = useState('Cache invalidation and naming things.');
  const path = `/p37/articles/${encodeURIComponent(id.trim())}`;

  return (
    <>
      <p>
        Articles are read through a cache: <code>{'GET /p37/articles/{id}'}</code> answers <code>X-Cache: MISS</code>{' '}
        (read from the database, then cached) and then <code>HIT</code>. A <code>PUT</code> or <code>DELETE</code>{' '}
        replaces the article&apos;s cache <em>generation</em>, so the next read on every worker is a{' '}
        <code>MISS</code> with the new content (or a <code>404</code>), never the old copy.
      </p>
      <Field label="Article id" inputMode="numeric" value={id} onChange={setId} />
      <Field label="Title" value={title} onChange={setTitle} />
      <Field label="Body" value={body} onChange={setBody} />
      <button
        type="button"
        disabled={loading}
        onClick={() => run({ method: 'POST', path: '/p37/articles', body: { title, body } })}
      >
        Create article
      </button>{' '}
      <button type="button" disabled={loading} onClick={() => run({ path })}>
        Read article
      </button>{' '}
      <button type="button" disabled={loading} onClick={() => run({ method: 'PUT', path, body: { title, body } })}>
        Replace article
      </button>{' '}
      <button type="button" disabled={loading} onClick={() => run({ method: 'DELETE', path })}>
        Delete article
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
