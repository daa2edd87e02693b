import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P18OrmVsSql() {
  const { result, loading, run } = useApiCall();
  const [author, setAuthor] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const query = author ? `?author=${encodeURIComponent(author)}` : '';
    run({ path: `/p18/compare${query}` });
  }

  return (
    <>
      <p>
        The same statistics over p17&apos;s books, computed twice in one request: once with ORM expressions and
        once with hand-written SQL. <code>GET /p18/compare</code> shows both results (they must be equal), the
        SQL the ORM actually emitted next to ours, and how long each path took. Filter by an author (exact
        match) or leave it empty for every book.
      </p>
      <form onSubmit={submit}>
        <Field label="Author (optional)" value={author} onChange={setAuthor} />
        <button type="submit" disabled={loading}>
          Compare ORM and SQL
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
