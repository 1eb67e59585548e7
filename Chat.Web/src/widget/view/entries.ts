import type { Entry, MessageEntry, Notice } from '../transcript';
import type { Strings } from '../strings';
import type { AttachedFile } from '../protocol';
import { h, textWithLinks } from './dom';
import { paperclipIcon } from './icons';

export interface EntryActions {
  retry(entry: MessageEntry): void;
  /** A blob: address of the file's bytes, fetched once with the visitor's token. */
  fileUrl(file: AttachedFile): Promise<string>;
}

/** Only these show inline; any other file, SVG included, is a link that downloads. */
const inlineImages = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Images inline, other files as links; names are set as text, like every text from the network. */
function renderFiles(files: AttachedFile[], actions: EntryActions): HTMLElement | null {
  if (files.length === 0) return null;
  return h('div', { class: 'files' }, ...files.map((file) => {
    if (inlineImages.includes(file.contentType)) {
      const image = h('img', { class: 'file-image', alt: file.name, title: file.name });
      void actions.fileUrl(file).then((url) => (image.src = url), () => image.classList.add('broken'));
      return image;
    }
    const link = h('a', { class: 'file', href: '#', download: file.name }, paperclipIcon(), `${file.name} (${sizeText(file.size)})`);
    link.addEventListener('click', (event) => {
      if (link.getAttribute('href') !== '#') return;
      event.preventDefault();
      void actions.fileUrl(file).then((url) => {
        link.href = url;
        link.click();
      });
    });
    return link;
  }));
}

function noticeText(notice: Notice, t: Strings): string {
  switch (notice.type) {
    case 'assigned': return t.assigned(notice.name ?? t.anAgent);
    case 'unassigned': return t.unassigned;
    case 'transferred': return t.transferred(notice.name);
    case 'closed': return t.closed;
    case 'reopened': return t.reopened;
    case 'newThread': return t.newThread;
    case 'missed': return t.missed;
    case 'rated': return t.rated;
  }
}

function deliveryText(entry: MessageEntry, seen: boolean, t: Strings): string {
  if (entry.delivery === 'pending') return t.sending;
  if (entry.delivery === 'queued') return t.queued;
  if (entry.delivery === 'failed') return entry.problem ?? t.failed;
  return seen ? t.seen : t.sent;
}

/** One line of the transcript as DOM; the renderer replaces it whenever its entry changes. */
export function renderEntry(entry: Entry, seen: boolean, t: Strings, actions: EntryActions): HTMLElement {
  if (entry.kind === 'notice') {
    return h('div', { class: entry.notice.type === 'newThread' ? 'notice divider' : 'notice', 'data-version': String(entry.version) },
      noticeText(entry.notice, t));
  }

  const classes = ['msg', entry.mine ? 'mine' : 'theirs', entry.delivery, entry.deleted ? 'deleted' : ''].filter(Boolean).join(' ');
  const bubble = entry.deleted || entry.text !== '' || entry.files.length === 0
    ? h('div', { class: 'bubble' }, entry.deleted ? t.deleted : textWithLinks(entry.text))
    : null;
  const meta = h('div', { class: 'meta' });
  if (entry.mine) {
    meta.append(h('span', { class: 'delivery', 'data-delivery': entry.delivery }, deliveryText(entry, seen, t)));
    if (entry.delivery === 'failed') {
      const retry = h('button', { type: 'button', class: 'retry' }, t.retry);
      retry.addEventListener('click', () => actions.retry(entry));
      meta.append(retry);
    }
  }
  if (entry.edited && !entry.deleted) meta.append(h('span', { class: 'edited' }, `(${t.edited})`));
  return h('div', {
      class: classes,
      'data-version': String(entry.version),
      'data-client-id': entry.clientMessageId || undefined,
    },
    entry.mine ? null : h('div', { class: 'author' }, entry.authorName ?? t.anAgent),
    bubble,
    entry.deleted ? null : renderFiles(entry.files, actions),
    meta.childNodes.length > 0 ? meta : null,
  );
}
