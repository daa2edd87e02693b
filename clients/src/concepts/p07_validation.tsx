import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

const DEFAULTS = {
  username: 'ada_lovelace',
  email: 'Ada@Example.com',
  age: '36',
  password: 'correct-horse-battery',
  website: '',
};
type Fields = typeof DEFAULTS;

/** The JSON body: age as a number when it is an integer (else the raw text), website only when filled. */
export function registrationBody(fields: Fields): Record<string, unknown> {
  const { website, age, ...rest } = fields;
  const body: Record<string, unknown> = { ...rest, age: /^-?\d+$/.test(age.trim()) ? Number(age) : age };
  if (website.trim() !== '') body.website = website;
  return body;
}

export default function P07Validation() {
  const { result, loading, run } = useApiCall();
  const [fields, setFields] = useState<Fields>(DEFAULTS);
  const set = (name: keyof Fields) => (e: { target: { value: string } }) =>
    setFields({ ...fields, [name]: e.target.value });

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ method: 'POST', path: '/p07/registrations', body: registrationBody(fields) });
  }

  return (
    <>
      <p>
        Validation checks every field of the input before anything is done with it. This page posts the form as
        JSON to <code>POST /p07/registrations</code>: valid data answers <code>201</code> with the normalized
        registration (email lower-cased, no password); invalid data answers <code>422</code> with an{' '}
        <code>errors</code> object that lists every bad field at once. No browser-side checks here on purpose.
      </p>
      <form onSubmit={submit} className="grid" noValidate>
        <label>
          Username
          <input value={fields.username} onChange={set('username')} />
        </label>
        <label>
          Email
          <input value={fields.email} onChange={set('email')} />
        </label>
        <label>
          Age
          <input value={fields.age} onChange={set('age')} />
        </label>
        <label>
          Password
          <input type="password" value={fields.password} onChange={set('password')} />
        </label>
        <label>
          Website (optional)
          <input value={fields.website} onChange={set('website')} placeholder="https://…" />
        </label>
        <button type="submit" disabled={loading}>
          Register
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
