import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P13InsertRow() {
  const { result, loading, run } = useApiCall();
  const [title, setTitle] = useState("Robert'); DROP TABLE notes;--");
  const [body, setBody] = useState('Stored as text, never run as SQL.');

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ method: 'POST', path: '/p13/notes', body: { title, body } });
  }

  return (
    <>
      <p>
        <code>POST /p13/notes</code> inserts one row with a constant SQL statement and bound parameters, so the
        title below is stored literally instead of dropping the table. It answers <code>201</code> with the stored
        note and a <code>Location</code> header (read it on the p14 page). Run p12&apos;s setup first, or the answer
        is a <code>409</code>.
      </p>
      <form onSubmit={submit}>
        <Field label="Title" value={title} onChange={setTitle} />
        <Field label="Body" value={body} onChange={setBody} />
        <button type="submit" disabled={loading}>
          Insert note
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
