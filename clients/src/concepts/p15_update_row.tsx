import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P15UpdateRow() {
  const { result, loading, run } = useApiCall();
  const [id, setId] = useState('1');
  const [title, setTitle] = useState('Edited title');
  const [ifMatch, setIfMatch] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const headers: Record<string, string> = ifMatch.trim() ? { 'If-Match': ifMatch.trim() } : {};
    run({ method: 'PATCH', path: `/p15/notes/${encodeURIComponent(id.trim())}`, body: { title }, headers });
  }

  return (
    <>
      <p>
        <code>{'PATCH /p15/notes/{id}'}</code> changes some fields (<code>PUT</code> replaces all) and answers{' '}
        <code>200</code> with a later <code>updated_at</code> and a new <code>ETag</code>. Paste the ETag you read on
        the p14 page into If-Match: if someone changed the note since, the answer is <code>412</code> and nothing is
        overwritten. That is how a lost update is prevented.
      </p>
      <form onSubmit={submit}>
        <Field label="Note id" inputMode="numeric" value={id} onChange={setId} />
        <Field label="New title" value={title} onChange={setTitle} />
        <Field label="If-Match (optional)" value={ifMatch} onChange={setIfMatch} placeholder='"…etag…"' />
        <button type="submit" disabled={loading}>
          Update note
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
