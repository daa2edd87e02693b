import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P19OneToMany() {
  const { result, loading, run } = useApiCall();
  const [id, setId] = useState('');
  const [limit, setLimit] = useState('100');

  function submit(event: FormEvent) {
    event.preventDefault();
    const postId = id.trim();
    run({
      path: postId
        ? `/p19/posts/${encodeURIComponent(postId)}`
        : `/p19/posts?limit=${encodeURIComponent(limit.trim())}`,
    });
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
        <label>
          Post id (empty to list)
          <input inputMode="numeric" value={id} onChange={(e) => setId(e.target.value)} />
        </label>
        <label>
          Limit
          <input inputMode="numeric" value={limit} onChange={(e) => setLimit(e.target.value)} />
        </label>
        <button type="submit" disabled={loading}>
          Load posts
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
