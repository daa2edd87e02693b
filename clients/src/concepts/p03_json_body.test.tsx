import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '../test-utils';
import P03JsonBody, { P03_DEFAULT_BODY } from './p03_json_body';

describe('p03 json-body page', () => {
  it('posts the textarea text raw and shows the answer', async () => {
    const fetchMock = mockFetch(200, { received: { hello: 'wörld', n: [1, 2, 3] }, type: 'object', bytes: 33 });
    render(<P03JsonBody />);

    expect(screen.getByRole('textbox', { name: 'JSON body' })).toHaveValue(P03_DEFAULT_BODY);
    fireEvent.click(screen.getByRole('button', { name: 'Send JSON' }));

    expect(await screen.findByTestId('status')).toHaveTextContent('200');
    expect(screen.getByTestId('body')).toHaveTextContent('"type": "object"');
    expect(fetchMock).toHaveBeenCalledWith('/p03/echo', expect.objectContaining({ method: 'POST', body: P03_DEFAULT_BODY }));
  });

  it('sends malformed JSON unchanged so the server can refuse it', async () => {
    const fetchMock = mockFetch(400, { type: '/problems/malformed-json', status: 400 });
    render(<P03JsonBody />);

    fireEvent.change(screen.getByRole('textbox', { name: 'JSON body' }), { target: { value: '{"a": ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send JSON' }));

    expect(await screen.findByTestId('status')).toHaveTextContent('400');
    expect(fetchMock.mock.calls[0][1]?.body).toBe('{"a": ');
  });
});
