import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CredentialsForm } from './CredentialsForm';

describe('credentials form', () => {
  it('submits the email and password, with extra fields before the button', () => {
    const onSubmit = vi.fn();
    render(
      <CredentialsForm submitLabel="Log in" loading={false} onSubmit={onSubmit}>
        <input aria-label="Extra" />
      </CredentialsForm>,
    );

    expect(screen.getByLabelText('Email')).toHaveValue('ada@example.com');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    expect(screen.getByLabelText('Extra').compareDocumentPosition(screen.getByRole('button'))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 's3cret-pass' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));

    expect(onSubmit).toHaveBeenCalledWith({ email: 'ada@example.com', password: 's3cret-pass' });
  });
});
