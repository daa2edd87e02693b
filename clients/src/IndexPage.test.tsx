import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { ladderById } from './concepts';
import { mockFetch } from './test-utils';

describe('index page', () => {
  it('groups the server concepts by level and marks client pages the server lacks', async () => {
    const fetchMock = mockFetch(200, {
      implementation: 'flask',
      concepts: [
        { id: 'p01', slug: 'health-check', title: 'Health check', level: 1 },
        { id: 'p02', slug: 'json-response', title: 'JSON response', level: 1 },
        { id: 'p10', slug: 'api-docs', title: 'A server-chosen title', level: 4 },
        { id: 'p11', slug: 'db-connection', title: 'Database connection', level: 2 },
        // An id beyond the ladder: a concept this client has no page for (yet).
        { id: 'p99', slug: 'future-concept', title: 'A future concept', level: 5 },
      ],
    });

    render(<App />);

    expect(await screen.findByTestId('implementation')).toHaveTextContent('flask');
    expect(fetchMock).toHaveBeenCalledWith('/concepts', expect.anything());

    const level1 = screen.getByTestId('level-1');
    expect(within(level1).getByRole('link', { name: 'p01 Health check' })).toHaveAttribute('href', '#/p01');
    const p03 = within(level1).getByRole('link', { name: /p03/ }).closest('li')!;
    expect(p03).toHaveTextContent('not implemented by this server');
    const p01 = within(level1).getByRole('link', { name: /p01/ }).closest('li')!;
    expect(p01).not.toHaveTextContent('not implemented');

    // The ladder's title and level win over what a server says about a concept it knows.
    expect(within(level1).getByRole('link', { name: /^p10 / })).toHaveTextContent(`p10 ${ladderById.get('p10')?.title}`);
    expect(screen.queryByText(/server-chosen/)).not.toBeInTheDocument();

    const level2 = screen.getByTestId('level-2');
    expect(level2).toHaveTextContent('p11 Database connection');
    expect(within(level2).queryByText('no client page yet')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Level 2/ })).toBeInTheDocument();

    // A concept the server serves but this client has no page for (yet).
    const level5 = screen.getByTestId('level-5');
    expect(level5).toHaveTextContent('p99 A future concept');
    expect(within(level5).getByText('no client page yet')).toBeInTheDocument();
    // Level 4 is listed for its client pages (the server lacks them), never for the level 4
    // the server claimed for p10: the ladder's level wins.
    const level4 = screen.getByTestId('level-4');
    expect(within(level4).getByRole('link', { name: /p36/ }).closest('li')!).toHaveTextContent(
      'not implemented by this server',
    );
    expect(within(level4).queryByRole('link', { name: /p10/ })).not.toBeInTheDocument();
  });

  it('shows an error box when /concepts fails', async () => {
    mockFetch(500, { title: 'Internal Server Error', status: 500 });
    render(<App />);
    expect(await screen.findByTestId('concepts-error')).toHaveTextContent('HTTP 500');
  });

  it('uses the API base saved in localStorage and shows it in the header', async () => {
    window.localStorage.setItem('apiBase', 'http://other.test:8000/');
    const fetchMock = mockFetch(200, { implementation: 'fastapi', concepts: [] });
    render(<App />);
    expect(screen.getByTestId('api-base')).toHaveTextContent('http://other.test:8000');
    await screen.findByTestId('implementation');
    expect(fetchMock).toHaveBeenCalledWith('http://other.test:8000/concepts', expect.anything());
  });

  it('lets ?api=URL win over the saved API base', async () => {
    window.localStorage.setItem('apiBase', 'http://saved.test');
    window.history.replaceState(null, '', '/?api=http://query.test/');
    const fetchMock = mockFetch(200, { implementation: 'x', concepts: [] });
    try {
      render(<App />);
      expect(screen.getByTestId('api-base')).toHaveTextContent('http://query.test');
      await screen.findByTestId('implementation');
      expect(fetchMock).toHaveBeenCalledWith('http://query.test/concepts', expect.anything());
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });
});
