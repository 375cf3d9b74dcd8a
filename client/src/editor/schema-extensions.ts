import type { Extensions } from '@tiptap/core';
import { Link } from '@tiptap/extension-link';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { StarterKit } from '@tiptap/starter-kit';
import { isSafeUrl } from '../../../shared/safe-url.js';

/** What every link carries, whatever a pasted, imported or stored one says (decision 111). */
export const LINK_ATTRIBUTES = { target: '_blank', rel: 'noopener noreferrer nofollow', class: null } as const;

/** An attribute that always has Quire's value: read as it, rendered as it. */
const fixedAttribute = (name: keyof typeof LINK_ATTRIBUTES) => {
  const value = LINK_ATTRIBUTES[name];
  return { default: value, parseHTML: () => value, renderHTML: () => (value === null ? {} : { [name]: value }) };
};

/**
 * Links under the one URL policy (`shared/safe-url.ts`): the link command, autolink, paste rules, HTML
 * parsing and rendering all ask `isSafeUrl`; `rel`, `target` and `class` are Quire's own.
 */
const QuireLink = Link.extend({
  addOptions() {
    const parent = this.parent?.() as NonNullable<ReturnType<NonNullable<typeof this.parent>>>;
    return {
      ...parent,
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      HTMLAttributes: { target: LINK_ATTRIBUTES.target, rel: LINK_ATTRIBUTES.rel },
      isAllowedUri: (url: string) => isSafeUrl(url),
      shouldAutoLink: (url: string) => isSafeUrl(url) && parent.shouldAutoLink(url),
    };
  },
  addAttributes() {
    return {
      ...this.parent?.(),
      target: fixedAttribute('target'),
      rel: fixedAttribute('rel'),
      class: fixedAttribute('class'),
    };
  },
});

/**
 * The extensions that define a Quire document's schema, without collaboration, carets or placeholders.
 * The editor adds its interactive extensions to these; the server renders and parses exports and imports
 * with exactly these, so a document means the same thing on both sides. Change the schema here only.
 */
export function schemaExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Collaboration brings Yjs undo; the history extension would undo other people's edits too.
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: false,
    }),
    QuireLink,
    TaskList,
    TaskItem.configure({ nested: true }),
  ];
}
