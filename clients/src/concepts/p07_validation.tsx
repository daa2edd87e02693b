import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';
import { integerOrText } from '../form';

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
  const body: Record<string, unknown> = { ...rest, age: integerOrText(age) };
  if (website.trim() !== '') body.website = website;
  return body;
}

export default function P07Validation() {
  const { result, loading, run } = useApiCall();
  const [fields, setFields] = useState<Fields>(DEFAULTS);
  const set = (name: keyof Fields) => (value: string) => setFields({ ...fields, [name]: value });

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
        <Field label="Username" value={fields.username} onChange={set('username')} />
        <Field label="Email" value={fields.email} onChange={set('email')} />
        <Field label="Age" value={fields.age} onChange={set('age')} />
        <Field label="Password" type="password" value={fields.password} onChange={set('password')} />
        <Field label="Website (optional)" value={fields.website} onChange={set('website')} placeholder="https://…" />
        <button type="submit" disabled={loading}>
          Register
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}
