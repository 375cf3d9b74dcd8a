// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { QuireLinkCard } from './quire-link-card.js';

const cards: QuireLinkCard[] = [];
afterEach(() => {
  for (const card of cards.splice(0)) card.remove();
});

async function cardFor(href: string): Promise<QuireLinkCard> {
  const card = new QuireLinkCard();
  card.href = href;
  document.body.append(card);
  cards.push(card);
  await card.updateComplete;
  return card;
}

const part = (card: QuireLinkCard, id: string) => card.renderRoot.querySelector<HTMLElement>(`[data-testid=${id}]`);

describe('<quire-link-card>', () => {
  it('offers to open a web link in a tab that cannot reach back, to edit it and to remove it', async () => {
    const card = await cardFor('https://quire.example/guide');
    const fired: string[] = [];
    for (const type of ['edit', 'remove', 'close']) card.addEventListener(type, () => fired.push(type));
    expect(part(card, 'link-card-address')?.textContent).toBe('https://quire.example/guide');
    const open = part(card, 'link-open') as HTMLAnchorElement;
    expect([open.href, open.target, open.rel]).toEqual([
      'https://quire.example/guide',
      '_blank',
      'noopener noreferrer',
    ]);
    part(card, 'link-edit')?.click();
    part(card, 'link-remove')?.click();
    expect(fired).toEqual(['edit', 'remove']);
    expect(part(card, 'link-problem')).toBeNull();
  });

  it('never offers to open a link the URL policy refuses, and says why', async () => {
    const card = await cardFor('javascript:alert(1)');
    expect(part(card, 'link-open')).toBeNull();
    expect(card.renderRoot.querySelector('a')).toBeNull();
    expect(part(card, 'link-problem')?.textContent).toContain('Only web (http, https) and email (mailto) links');
    expect(part(card, 'link-remove')).not.toBeNull();
  });
});
