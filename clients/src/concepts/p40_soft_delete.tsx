import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, rememberedAccessToken } from './p24_tokens';

export default function P40SoftDelete() {
  const { result, loading, run } = useApiCall();
  const [token, setToken] = useState(rememberedAccessToken);
  const [title, setTitle] = useState('Release notes');
  const [slug, setSlug] = useState('release-notes');
  const [documentId, setDocumentId] = useState('');

  function create(event: FormEvent) {
    event.preventDefault();
    run({ method: 'POST', path: '/p40/documents', headers: bearer(token), body: { title, slug } });
  }

  const path = `/p40/documents/${encodeURIComponent(documentId.trim())}`;

  return (
    <>
      <p>
        A soft delete marks the row (<code>deleted_at</code>) instead of removing it: <code>DELETE</code> answers{' '}
        <code>204</code>, then the document is <code>404</code> and gone from the list, yet the owner or an admin
        can <code>POST …/restore</code> it. Its slug is free again at once: a partial unique index (
        <code>WHERE deleted_at IS NULL</code>) lets a new document take it, and then the restore is a{' '}
        <code>409</code>. Log in on the p24 page first.
      </p>
      <label>
        Access token
        <textarea rows={3} value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <form onSubmit={create}>
        <Field label="Title" value={title} onChange={setTitle} />
        <Field label="Slug" value={slug} onChange={setSlug} />
        <button type="submit" disabled={loading}>
          Create document
        </button>
      </form>
      <Field label="Document id" inputMode="numeric" value={documentId} onChange={setDocumentId} />
      <button type="button" disabled={loading} onClick={() => run({ path })}>
        Get document
      </button>
      <button type="button" disabled={loading} onClick={() => run({ method: 'DELETE', path, headers: bearer(token) })}>
        Delete document
      </button>
      <button
        type="button"
        disabled={loading}
        onClick={() => run({ method: 'POST', path: `${path}/restore`, headers: bearer(token) })}
      >
        Restore document
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
