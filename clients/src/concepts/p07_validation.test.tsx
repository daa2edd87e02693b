import { describe, expect, it } from 'vitest';
import { registrationBody } from './p07_validation';

describe('p07 registration body', () => {
  const fields = { username: 'ada', email: 'a@b.c', age: '36', password: 'x'.repeat(8), website: '' };

  it('sends an integer age as a number and leaves out an empty website', () => {
    expect(registrationBody(fields)).toEqual({ username: 'ada', email: 'a@b.c', age: 36, password: 'xxxxxxxx' });
  });

  it('sends a non-integer age as the raw text so the server reports it', () => {
    expect(registrationBody({ ...fields, age: '36.5', website: 'https://x.y' })).toMatchObject({
      age: '36.5',
      website: 'https://x.y',
    });
  });
});
