import type { Node as PMNode } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';
import { LINK_ATTRIBUTES } from '../../../client/src/editor/schema-extensions.js';
import { isSafeUrl } from '../../../shared/safe-url.js';

/**
 * The document with every link under the URL policy: a link whose `href` the policy refuses loses its
 * link (the text stays), and every other link carries Quire's own `rel`, `target` and `class`. Imports
 * and every export read documents through this, so a stored `javascript:` link (written by any Yjs
 * client) or an imported `rel`/`class` never reaches a file.
 */
export function withSafeLinks(doc: PMNode): PMNode {
  const transform = new Transform(doc);
  doc.descendants((node, pos) => {
    const link = node.marks.find((mark) => mark.type.name === 'link');
    if (!link) return;
    const wanted = isSafeUrl(link.attrs.href) ? link.type.create({ ...link.attrs, ...LINK_ATTRIBUTES }) : null;
    if (wanted?.eq(link)) return;
    // Marks change no positions, so `pos` of the original stays right for the transformed document.
    transform.removeMark(pos, pos + node.nodeSize, link);
    if (wanted) transform.addMark(pos, pos + node.nodeSize, wanted);
  });
  return transform.doc;
}
