import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';
import { itemOrListPath } from '../form';

export default function P19OneToMany() {
  const { result, loading, run } = useApiCall();
  const [id, setId] = useState('');
  const [limit, setLimit] = useState('100');

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ path: itemOrListPath('/p19/posts', id, limit) });
  }

  return (
    <>
      <p>
        Posts have many comments. <code>GET /p19/posts</code> lists posts with their <code>comment_count</code>{' '}
        in a single SQL statement, so the <code>X-Query-Count</code> header stays the same for a limit of 1 or
        100: no N+1 queries. With a post id, <code>{'GET /p19/posts/{id}'}</code> embeds the comments (two
        queries). Deleting a post deletes its comments (ORM cascade and <code>ON DELETE CASCADE</code>).
      </p>
      <form onSubmit={submit}>
        <Field label="Post id (empty to list)" inputMode="numeric" value={id} onChange={setId} />
        <Field label="Limit" inputMode="numeric" value={limit} onChange={setLimit} />
        <button type="submit" disabled={loading}>
          Load posts
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
