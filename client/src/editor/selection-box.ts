import type { Editor } from '@tiptap/core';
import type { Box } from '../components/popup-placement.js';

/**
 * Where the selection is on screen (viewport coordinates): from its start's top-left to its end's
 * bottom, so a popup placed under it sits under the last line and lines up with where it starts.
 * Null when the editor has no view to measure.
 */
export function selectionBox(editor: Editor | null): Box | null {
  if (!editor || editor.isDestroyed) return null;
  const { view, state } = editor;
  const { from, to } = state.selection;
  try {
    const start = view.coordsAtPos(from);
    const end = to === from ? start : view.coordsAtPos(to);
    return { left: start.left, top: start.top, right: Math.max(start.right, end.right), bottom: end.bottom };
  } catch {
    // A position the view has not drawn yet (a remote change mid-render): nothing to anchor to this time.
    return null;
  }
}
