import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P17OrmModel() {
  const { result, loading, run } = useApiCall();
  const [title, setTitle] = useState('Structure and Interpretation of Computer Programs');
  const [author, setAuthor] = useState('Harold Abelson');
  const [isbn, setIsbn] = useState('978-0-262-51087-5');
  const [pages, setPages] = useState('657');

  function submit(event: FormEvent) {
    event.preventDefault();
    // pages is sent as a JSON number when it looks like one, so "abc" shows the 422.
    const count = /^-?\d+$/.test(pages.trim()) ? Number(pages.trim()) : pages;
    run({ method: 'POST', path: '/p17/books', body: { title, author, isbn, pages: count } });
  }

  return (
    <>
      <p>
        A typed SQLAlchemy model (<code>Book</code>) behind <code>POST /p17/books</code>. The ISBN may be an
        ISBN-10 or ISBN-13 with hyphens; its check digit is verified and it is stored as 13 digits. Create the
        same book twice (or its ISBN-10, <code>0-262-51087-1</code>) and the database&apos;s unique constraint
        answers <code>409 conflict</code>; a wrong check digit is a <code>422</code>.
      </p>
      <form onSubmit={submit}>
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Author
          <input value={author} onChange={(e) => setAuthor(e.target.value)} />
        </label>
        <label>
          ISBN
          <input value={isbn} onChange={(e) => setIsbn(e.target.value)} />
        </label>
        <label>
          Pages
          <input inputMode="numeric" value={pages} onChange={(e) => setPages(e.target.value)} />
        </label>
        <button type="submit" disabled={loading}>
          Create book
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
