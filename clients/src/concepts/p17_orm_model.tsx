import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';
import { integerOrText } from '../form';

export default function P17OrmModel() {
  const { result, loading, run } = useApiCall();
  const [title, setTitle] = useState('Structure and Interpretation of Computer Programs');
  const [author, setAuthor] = useState('Harold Abelson');
  const [isbn, setIsbn] = useState('978-0-262-51087-5');
  const [pages, setPages] = useState('657');

  function submit(event: FormEvent) {
    event.preventDefault();
    // pages is sent as a JSON number when it looks like one, so "abc" shows the 422.
    run({ method: 'POST', path: '/p17/books', body: { title, author, isbn, pages: integerOrText(pages) } });
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
        <Field label="Title" value={title} onChange={setTitle} />
        <Field label="Author" value={author} onChange={setAuthor} />
        <Field label="ISBN" value={isbn} onChange={setIsbn} />
        <Field label="Pages" inputMode="numeric" value={pages} onChange={setPages} />
        <button type="submit" disabled={loading}>
          Create book
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
