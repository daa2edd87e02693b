import { concepts as ladder } from 'virtual:ladder';
import { describe, expect, it } from 'vitest';
import { conceptPages, pageComponents } from '.';

describe('concept pages and ladder.toml', () => {
  it('reads the whole ladder: p01..p50 in order', () => {
    expect(ladder.map((c) => c.id)).toEqual(Array.from({ length: 50 }, (_, n) => `p${String(n + 1).padStart(2, '0')}`));
  });

  it('has a page component for every built row and none for a planned or missing row', () => {
    const built = ladder.filter((c) => !c.planned).map((c) => c.id);
    expect(Object.keys(pageComponents).sort()).toEqual(built);
  });

  it('takes each page title, slug and level from its ladder row', () => {
    for (const page of conceptPages) {
      const row = ladder.find((c) => c.id === page.id);
      expect({ slug: page.slug, title: page.title, level: page.level }).toEqual({ slug: row?.slug, title: row?.title, level: row?.level });
    }
    expect(conceptPages.length).toBeGreaterThan(0);
  });
});
