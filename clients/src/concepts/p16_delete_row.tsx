import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P16DeleteRow() {
  const { result, loading, run } = useApiCall();
  const [id, setId] = useState('1');

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ method: 'DELETE', path: `/p16/notes/${encodeURIComponent(id.trim())}` });
  }

  return (
    <>
      <p>
        <code>{'DELETE /p16/notes/{id}'}</code> removes one row: <code>204</code> with no body, and from then on{' '}
        <code>404</code> for this id everywhere (press the button twice). Ids are never reused, so an old link can
        never show a different note.
      </p>
      <form onSubmit={submit}>
        <Field label="Note id" inputMode="numeric" value={id} onChange={setId} />
        <button type="submit" disabled={loading}>
          Delete note
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
