type Attributes = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/**
 * Makes an element. Text is always set as text: nothing from the network or the host page is ever parsed as HTML.
 * Listeners are added by the caller, so attributes cannot carry script.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

const urlPattern = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const trailingPunctuation = /[.,;:!?)\]}'"]+$/;

/** A message's text as text nodes, with http and https addresses as links that open apart from the host page. */
export function textWithLinks(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const raw = match[0].replace(trailingPunctuation, '');
    const start = match.index ?? 0;
    const href = safeHref(raw);
    if (!href) continue;
    fragment.append(text.slice(last, start));
    fragment.append(h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, raw));
    last = start + raw.length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
