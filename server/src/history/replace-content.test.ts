import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentFragment, titleText } from '../../../shared/doc-fields.js';
import { DocFormats } from '../formats/doc-formats.js';
import { replaceContentUpdate } from './replace-content.js';

const formats = new DocFormats();
const docOf = (markdown: string, title = '') => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, formats.toUpdate({ title, content: formats.parse(markdown, 'markdown').content }));
  return doc;
};
const markdownOf = (doc: Y.Doc) => formats.toMarkdown(formats.read(Y.encodeStateAsUpdate(doc)).content);

describe('replaceContentUpdate', () => {
  it('turns the content and title into the target, and applies anywhere that holds the old state', () => {
    const live = docOf('# Old\n\nKeep me.\n\n- a\n- b\n', 'Old title');
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(live));
    const target = { title: 'New title', content: formats.parse('# New\n\nKeep me.\n\n1. x\n', 'markdown').content };
    const update = replaceContentUpdate(Y.encodeStateAsUpdate(live), target, formats.schema);
    Y.applyUpdate(live, update);
    Y.applyUpdate(replica, update);
    for (const doc of [live, replica]) {
      expect(markdownOf(doc)).toBe('# New\n\nKeep me.\n\n1. x\n');
      expect(titleText(doc).toString()).toBe('New title');
    }
  });

  it('leaves equal paragraphs alone: the same Yjs items stay in place', () => {
    const live = docOf('Same.\n\nDifferent.\n');
    const same = contentFragment(live).get(0);
    const update = replaceContentUpdate(
      Y.encodeStateAsUpdate(live),
      { title: '', content: formats.parse('Same.\n\nChanged.\n', 'markdown').content },
      formats.schema,
    );
    Y.applyUpdate(live, update);
    expect(contentFragment(live).get(0)).toBe(same);
    expect(markdownOf(live)).toBe('Same.\n\nChanged.\n');
  });

  it('an identical target is an empty update', () => {
    const live = docOf('Nothing to do.\n', 'T');
    const target = formats.read(Y.encodeStateAsUpdate(live));
    const update = replaceContentUpdate(Y.encodeStateAsUpdate(live), target, formats.schema);
    expect(Array.from(update)).toEqual([0, 0]);
  });

  it('never splits a surrogate pair in the title', () => {
    const live = docOf('x\n', 'mood 😀 ok');
    const update = replaceContentUpdate(
      Y.encodeStateAsUpdate(live),
      { title: 'mood 😃 ok', content: formats.read(Y.encodeStateAsUpdate(live)).content },
      formats.schema,
    );
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
    Y.applyUpdate(copy, update);
    expect(titleText(copy).toString()).toBe('mood 😃 ok');
  });
});
