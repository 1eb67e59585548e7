import type { WidgetConfig } from '../config';
import type { Strings } from '../strings';
import { h } from './dom';
import { chatIcon, paperclipIcon } from './icons';
import { styles } from './styles';

/** The widget's fixed parts, built once inside the shadow root; the controller fills them. */
export class PanelView {
  readonly launcher: HTMLButtonElement;
  readonly badge: HTMLSpanElement;
  readonly panel: HTMLDivElement;
  readonly title: HTMLHeadingElement;
  readonly status: HTMLDivElement;
  readonly banner: HTMLDivElement;
  readonly log: HTMLDivElement;
  readonly cards: HTMLDivElement;
  readonly typing: HTMLDivElement;
  readonly composer: HTMLFormElement;
  readonly input: HTMLTextAreaElement;
  readonly attach: HTMLButtonElement;
  readonly fileInput: HTMLInputElement;
  readonly composerError: HTMLParagraphElement;
  readonly closeButton: HTMLButtonElement;
  readonly root: HTMLDivElement;

  constructor(shadow: ShadowRoot, config: WidgetConfig, private readonly t: Strings) {
    const style = document.createElement('style');
    style.textContent = styles(config.colour, config.position);

    this.badge = h('span', { class: 'badge', hidden: true, 'aria-hidden': 'true' });
    this.launcher = h('button', { type: 'button', class: 'launcher', 'aria-label': t.openChat, 'aria-expanded': 'false', 'aria-haspopup': 'dialog' },
      chatIcon(), this.badge);

    this.title = h('h2', { id: 'chat-title' });
    this.status = h('div', { class: 'status' });
    this.closeButton = h('button', { type: 'button', class: 'close', 'aria-label': t.closeChat }, '×');
    this.banner = h('div', { class: 'banner', role: 'status', hidden: true });
    this.log = h('div', { class: 'log-entries', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions text', 'aria-label': t.composerLabel });
    this.cards = h('div', { class: 'cards' });
    this.typing = h('div', { class: 'typing', 'aria-live': 'polite' });
    this.input = h('textarea', { rows: '1', 'aria-label': t.composerLabel, placeholder: t.composerPlaceholder, enterkeyhint: 'send' });
    this.composerError = h('p', { class: 'error composer-error', role: 'alert', hidden: true });
    this.fileInput = h('input', { type: 'file', hidden: true, accept: 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain' });
    this.attach = h('button', { type: 'button', class: 'attach', 'aria-label': t.attach, title: t.attach }, paperclipIcon());
    this.composer = h('form', { class: 'composer' }, this.attach, this.fileInput, this.input,
      h('button', { type: 'submit', class: 'send' }, t.send));

    this.panel = h('div', { class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'chat-title', hidden: true },
      h('div', { class: 'header' }, h('div', { class: 'titles' }, this.title, this.status), this.closeButton),
      this.banner,
      h('div', { class: 'log' }, this.log, this.cards),
      this.typing,
      this.composerError,
      this.composer,
    );
    this.root = h('div', { class: 'root' }, this.launcher, this.panel);
    shadow.append(style, this.root);
  }

  get scroller(): HTMLElement {
    return this.log.parentElement!;
  }

  setUnread(count: number): void {
    this.badge.textContent = count > 99 ? '99+' : String(count);
    this.badge.hidden = count === 0;
    this.launcher.setAttribute('aria-label', count === 0 ? this.t.openChat : `${this.t.openChat} (${this.t.unread(count)})`);
  }

  setBanner(text: string | null, kind: 'queue' | 'offline' = 'queue'): void {
    this.banner.textContent = text ?? '';
    this.banner.hidden = text === null;
    this.banner.classList.toggle('offline', kind === 'offline');
  }

  showComposerError(text: string | null): void {
    this.composerError.textContent = text ?? '';
    this.composerError.hidden = text === null;
  }

  /** Shown in the launcher's place when the widget cannot work here (a wrong key, a refused origin). */
  showBroken(reason: string): void {
    this.root.replaceChildren(h('div', { class: 'broken', role: 'status', title: reason }, '⚠ ', this.t.unavailable));
  }

  /** Tab and Shift+Tab stay inside the open panel; Escape is the way out. */
  trapFocus(event: KeyboardEvent, shadow: ShadowRoot): void {
    if (event.key !== 'Tab') return;
    const focusable = Array.from(this.panel.querySelectorAll<HTMLElement>('button, textarea, input, a[href], [tabindex]:not([tabindex="-1"])'))
      .filter((e) => !e.hasAttribute('disabled') && !e.closest('[hidden]'));
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = shadow.activeElement;
    if (event.shiftKey && (active === first || !this.panel.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !this.panel.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }
}
