import type * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../editor/collab-session.js';

/** One contiguous edit: at `index`, remove `remove` characters and insert `insert`. */
export interface TextChange {
  index: number;
  remove: number;
  insert: string;
}

/**
 * The single edit that turns `before` into `after` (an input's value changes one typing step at a time).
 * `cursor`, the caret after the edit, places the change where it happened when the text repeats
 * ("aa" → "aaa" typed at 1 is an insert at 1, not at 2), which matters when others edit concurrently.
 */
export function diffText(before: string, after: string, cursor?: number | null): TextChange | null {
  if (before === after) return null;
  let prefix = 0;
  const maxPrefix = Math.min(before.length, after.length);
  while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix++;
  if (cursor !== undefined && cursor !== null) {
    prefix = Math.max(0, Math.min(prefix, cursor - Math.max(0, after.length - before.length)));
  }
  let suffix = 0;
  const maxSuffix = Math.min(before.length, after.length) - prefix;
  while (suffix < maxSuffix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** A Yjs text delta, as in `Y.YTextEvent.delta`. */
export type TextDelta = { retain?: number; insert?: unknown; delete?: number }[];

/** Where a caret at `index` ends up after a remote change; text inserted exactly at the caret goes after it. */
export function mapIndex(index: number, delta: TextDelta): number {
  let position = 0;
  let result = index;
  for (const op of delta) {
    if (op.retain !== undefined) {
      position += op.retain;
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      if (position < index) result += length;
      position += length;
    } else if (op.delete !== undefined) {
      if (position < index) result -= Math.min(op.delete, index - position);
    }
    if (position >= index && op.retain !== undefined) break;
  }
  return Math.max(0, result);
}

/** Applies an edit to a Y.Text in one transaction. */
export function applyTextChange(text: Y.Text, change: TextChange, origin: unknown = LOCAL_ORIGIN): void {
  const doc = text.doc;
  const apply = () => {
    if (change.remove > 0) text.delete(change.index, change.remove);
    if (change.insert) text.insert(change.index, change.insert);
  };
  if (doc) doc.transact(apply, origin);
  else apply();
}

/**
 * Two-way binding of a text input to a Y.Text: typing edits the shared text, remote edits update the
 * input and keep the caret where it was. Returns the function that unbinds.
 */
export function bindTextInput(input: HTMLInputElement, text: Y.Text, onChange?: (value: string) => void) {
  let composing = false;
  input.value = text.toString();

  const pushLocal = () => {
    const change = diffText(text.toString(), input.value, input.selectionEnd);
    if (change) applyTextChange(text, change);
    onChange?.(input.value);
  };
  const onInput = () => {
    // While an IME composes, the value is provisional; the final text comes with compositionend.
    if (!composing) pushLocal();
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    pushLocal();
  };
  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL_ORIGIN) return;
    const focused = (input.getRootNode() as Document | ShadowRoot).activeElement === input;
    const start = input.selectionStart;
    const end = input.selectionEnd;
    input.value = text.toString();
    if (focused && start !== null && end !== null) {
      const delta = event.delta as TextDelta;
      input.setSelectionRange(mapIndex(start, delta), mapIndex(end, delta));
    }
    onChange?.(input.value);
  };

  input.addEventListener('input', onInput);
  input.addEventListener('compositionstart', onCompositionStart);
  input.addEventListener('compositionend', onCompositionEnd);
  text.observe(observer);
  return () => {
    input.removeEventListener('input', onInput);
    input.removeEventListener('compositionstart', onCompositionStart);
    input.removeEventListener('compositionend', onCompositionEnd);
    text.unobserve(observer);
  };
}
