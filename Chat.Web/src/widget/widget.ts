import { VisitorApi } from './api';
import type { WidgetConfig } from './config';
import { LiveLink, reconnectDelay } from './live';
import { Outbox, newClientMessageId } from './outbox';
import { ChatProblem } from '../shared/problems';
import type { AttachedFile, LiveEvent, QueuePlace, TypingPush, WidgetSettings } from './protocol';
import { WidgetStorage } from './storage';
import { stringsFor, type Strings } from './strings';
import { Transcript, type Entry, type MessageEntry } from './transcript';
import { awayCard, contactCard, preChatCard, ratingCard } from './view/cards';
import { h } from './view/dom';
import { renderEntry } from './view/entries';
import { PanelView } from './view/panel';

const typingSignalEveryMs = 2_500;
const longestTypingShownMs = 8_000;
const catchUpBatch = 500;

/** The widget's behaviour: what the visitor does, what the service says, and what the panel shows. */
export class ChatWidget {
  private readonly t: Strings;
  private readonly storage: WidgetStorage;
  private readonly api: VisitorApi;
  private readonly outbox: Outbox;
  private readonly view: PanelView;
  private readonly transcript = new Transcript();
  private readonly rendered = new Map<string, { element: HTMLElement; signature: string }>();
  private readonly fileUrls = new Map<string, Promise<string>>();
  private live: LiveLink | null = null;
  private settings: WidgetSettings | null = null;
  private open = false;
  private loaded = false;
  private everConnected = false;
  /** The live link dropped after it once worked: the banner says so until it is back, whatever the queue says. */
  private linkDown = false;
  private flushing = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private flushAttempt = 0;
  private lastTypingSignal = 0;
  private typingSignalTimer: ReturnType<typeof setTimeout> | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private queuePlace: QueuePlace | null = null;
  private catchingUp: Promise<void> | null = null;
  private buffered: LiveEvent[] | null = null;
  private contactEmail: string | null;
  private preChatDone: boolean;
  private leftMessage = false;

  constructor(private readonly shadow: ShadowRoot, private readonly config: WidgetConfig) {
    this.t = stringsFor(config.language);
    // A signed-in person's token and unsent messages are kept apart from anyone else's on the same browser.
    this.storage = new WidgetStorage(config.widgetKey || 'none', config.identity?.externalId ?? null);
    this.api = new VisitorApi(config, this.storage);
    this.outbox = new Outbox(this.storage);
    this.contactEmail = this.storage.read<string>('contact');
    this.preChatDone = !config.preChatForm || this.api.hasSession || config.visitorEmail !== null;
    this.view = new PanelView(shadow, config, this.t);
    this.wire();
  }

  async start(): Promise<void> {
    if (!this.config.widgetKey) return this.broken('The script tag has no data-widget-key.');
    try {
      this.settings = await this.api.settings();
    } catch (problem) {
      if (problem instanceof ChatProblem && !problem.transient) return this.broken(problem.detail || problem.title);
      // The service is unreachable for now: the launcher still opens, and sending waits for it.
    }
    this.renderHeader();
    for (const item of this.outbox.all) this.transcript.addOwn(item.clientMessageId, item.text, 'pending', item.files);
    // A returning visitor: their conversation, unread count and live updates, before they open anything.
    if (this.api.hasSession) await this.connect();
  }

  private broken(reason: string): void {
    console.error(`[chat] The chat widget cannot start: ${reason}`);
    this.view.showBroken(reason);
  }

  private wire(): void {
    const v = this.view;
    v.launcher.addEventListener('click', () => void this.setOpen(true));
    v.closeButton.addEventListener('click', () => void this.setOpen(false));
    v.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        void this.setOpen(false);
      } else {
        v.trapFocus(event, this.shadow);
      }
    });
    v.composer.addEventListener('submit', (event) => {
      event.preventDefault();
      this.sendTyped();
    });
    v.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.sendTyped();
      }
    });
    v.attach.addEventListener('click', () => v.fileInput.click());
    v.fileInput.addEventListener('change', () => {
      const file = v.fileInput.files?.[0];
      v.fileInput.value = '';
      if (file) void this.sendFile(file);
    });
    v.input.addEventListener('input', () => {
      this.autoGrow();
      this.signalTyping();
    });
    window.addEventListener('online', () => this.flush());
    document.addEventListener('visibilitychange', () => void this.markRead());
  }

  private async setOpen(open: boolean): Promise<void> {
    this.open = open;
    this.view.panel.hidden = !open;
    this.view.launcher.hidden = open;
    this.view.launcher.setAttribute('aria-expanded', String(open));
    if (!open) {
      this.view.launcher.focus();
      return;
    }
    this.renderAll();
    this.focusFirst();
    this.api.settings().then((s) => {
      this.settings = s;
      this.renderHeader();
      this.renderCards();
    }).catch(() => undefined);
    if (this.preChatDone && !this.loaded) await this.connect();
    await this.markRead();
  }

  private focusFirst(): void {
    const field = this.view.cards.querySelector<HTMLElement>('input, textarea');
    (field ?? this.view.input).focus();
  }

  /** A session, the conversation so far, and the live link; each only once. */
  private async connect(): Promise<void> {
    try {
      // A signed-in person may have a conversation from another device; another new visitor has none yet: it
      // starts with their first message.
      const returning = this.api.hasSession || this.config.identity !== null;
      await this.api.token();
      if (returning) await this.load();
      else this.loaded = true;
    } catch (problem) {
      if (problem instanceof ChatProblem && !problem.transient) this.view.showComposerError(this.describe(problem));
    }
    this.live ??= new LiveLink(this.config.baseUrl, () => this.api.token(), {
      event: (e) => this.onEvent(e),
      typing: (push) => this.onTyping(push),
      queue: (place) => this.onQueue(place),
      connected: () => this.onConnected(),
      disconnected: () => this.onDisconnected(),
    });
    void this.live.start();
    this.flush();
  }

  private async load(): Promise<void> {
    const conversation = await this.api.conversation();
    this.loaded = true;
    if (conversation) {
      this.transcript.knowThreads(conversation.threads, conversation.agentName, conversation.agentReadVersion,
        conversation.visitorReadVersion);
      // The last few threads' facts, each from its start: the same shapes the live push sends.
      for (const thread of conversation.threads.slice(-3)) await this.catchUpThread(thread.threadId, false);
      if (!this.transcript.current?.closed) this.onQueue(await this.api.queuePlace().catch(() => null));
    }
    this.renderAll();
  }

  private onConnected(): Promise<void> {
    this.everConnected = true;
    this.linkDown = false;
    this.view.setBanner(null);
    this.renderQueue();
    this.flush();
    return this.catchUp();
  }

  private onDisconnected(): void {
    this.linkDown = this.everConnected;
    this.renderQueue();
  }

  /** After a (re)connection: every fact of the current thread after the last one seen, pushes meanwhile held back. */
  private catchUp(): Promise<void> {
    const current = this.transcript.current;
    if (!current || !this.loaded) return Promise.resolve();
    this.catchingUp ??= (async () => {
      this.buffered = [];
      try {
        await this.catchUpThread(current.id, true);
      } catch {
        // The link dropped again; the next connection catches up.
      } finally {
        const held = this.buffered ?? [];
        this.buffered = null;
        this.catchingUp = null;
        held.forEach((e) => this.onEvent(e));
        this.renderAll();
      }
    })();
    return this.catchingUp;
  }

  private async catchUpThread(threadId: string, overHub: boolean): Promise<void> {
    for (;;) {
      const after = this.transcript.versionOf(threadId);
      const events = overHub && this.live?.connected
        ? await this.live.invoke<LiveEvent[]>('CatchUp', threadId, after)
        : await this.api.events(threadId, after);
      events.forEach((e) => this.transcript.apply(e));
      if (events.length < catchUpBatch) return;
    }
  }

  private onEvent(e: LiveEvent): void {
    if (this.buffered) {
      this.buffered.push(e);
      return;
    }
    const before = this.transcript.current?.id;
    if (!this.transcript.apply(e)) return;
    if (e.type === 'message_posted' && e.data.authorKind === 'Agent') this.showTyping(null);
    if (['thread_assigned', 'thread_closed', 'thread_missed'].includes(e.type)) this.onQueue(null);
    if (before !== this.transcript.current?.id) this.onQueue(null);
    this.renderAll();
    void this.markRead();
  }

  private onTyping(push: TypingPush): void {
    if (push.side !== 'Agent') return;
    const shownFor = Math.min(longestTypingShownMs, Math.max(1_000, Date.parse(push.expiresAt) - Date.now()));
    this.showTyping(shownFor);
  }

  private showTyping(forMs: number | null): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    const name = this.transcript.current?.agentName ?? this.t.anAgent;
    this.view.typing.textContent = forMs === null ? '' : this.t.typing(name);
    if (forMs !== null) this.typingTimer = setTimeout(() => this.showTyping(null), forMs);
  }

  private onQueue(place: QueuePlace | null): void {
    this.queuePlace = place;
    this.renderQueue();
  }

  private renderQueue(): void {
    const place = this.queuePlace;
    if (this.linkDown) {
      this.view.setBanner(this.t.offline, 'offline');
    } else if (place) {
      this.view.setBanner(this.t.queuePlace(place.position, this.t.minutes(Math.ceil(place.estimatedWaitSeconds / 60))));
    } else if (this.transcript.current?.queued && !this.transcript.current.closed) {
      this.view.setBanner(this.t.waitingForAgent);
    } else {
      this.view.setBanner(null);
    }
  }

  /** At most one typing signal per interval; keystrokes inside it are answered by one signal at its end. */
  private signalTyping(): void {
    if (this.view.input.value.trim() === '') return;
    const wait = this.lastTypingSignal + typingSignalEveryMs - Date.now();
    if (wait > 0) {
      this.typingSignalTimer ??= setTimeout(() => {
        this.typingSignalTimer = null;
        this.signalTyping();
      }, wait);
      return;
    }
    // Only a signal that went out starts the pause: one dropped while connecting must not hold back the next.
    if (this.live?.signal('Typing')) this.lastTypingSignal = Date.now();
  }

  private sendTyped(): void {
    const text = this.view.input.value;
    if (text.trim() === '') return;
    const max = this.settings?.maxMessageLength;
    if (max && text.length > max) {
      this.view.showComposerError(this.t.tooLong(max));
      return;
    }
    this.view.showComposerError(null);
    this.view.input.value = '';
    this.autoGrow();
    this.queueMessage(newClientMessageId(), text);
  }

  /** Uploads the file, then sends it as a message of its own, with whatever the composer holds as its text. */
  private async sendFile(file: File): Promise<void> {
    this.view.showComposerError(null);
    this.view.attach.disabled = true;
    try {
      const uploaded = await this.api.upload(file);
      const text = this.view.input.value;
      this.view.input.value = '';
      this.autoGrow();
      this.queueMessage(newClientMessageId(), text, [uploaded]);
    } catch (error) {
      const problem = error instanceof ChatProblem ? error : new ChatProblem(0, 'No connection', String(error));
      this.view.showComposerError(problem.status === 413 ? this.t.fileTooLarge : problem.status === 415 ? this.t.fileRefused : this.describe(problem));
    } finally {
      this.view.attach.disabled = false;
    }
  }

  private queueMessage(clientMessageId: string, text: string, files: AttachedFile[] = []): void {
    const entry = this.transcript.own(clientMessageId) ?? this.transcript.addOwn(clientMessageId, text, 'pending', files);
    Object.assign(entry, { delivery: 'pending', problem: null });
    this.outbox.add({ clientMessageId, text, files });
    this.renderAll();
    this.flush();
    if (!this.loaded) void this.connect();
  }

  /** Sends the waiting messages one after another, in the order written; a fault pauses, a refusal skips to the next. */
  private flush(): void {
    if (this.flushing) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.flushing = true;
    void (async () => {
      try {
        for (let item = this.outbox.first; item; item = this.outbox.first) {
          const entry = this.transcript.own(item.clientMessageId) ?? this.transcript.addOwn(item.clientMessageId, item.text, 'pending', item.files);
          try {
            const sent = await this.api.send(item.text, item.clientMessageId, item.files);
            this.outbox.remove(item.clientMessageId);
            this.flushAttempt = 0;
            const knownThread = this.transcript.current?.id === sent.threadId;
            this.transcript.confirmOwn(item.clientMessageId, sent.threadId, sent.version, sent.messageId);
            // The message opened a thread (the first, or one after a close): read it from its start.
            if (!knownThread) await this.catchUpThread(sent.threadId, false).catch(() => undefined);
            this.renderAll();
          } catch (error) {
            const problem = error instanceof ChatProblem ? error : new ChatProblem(0, 'No connection', String(error));
            if (problem.transient) {
              Object.assign(entry, { delivery: problem.status === 0 ? 'queued' : 'pending', problem: null });
              this.view.showComposerError(problem.status === 0 ? null : this.describe(problem));
              this.renderAll();
              const wait = problem.retryAfterSeconds ? problem.retryAfterSeconds * 1000 : reconnectDelay(this.flushAttempt++);
              this.flushTimer = setTimeout(() => this.flush(), wait);
              return;
            }
            this.refused(entry, item.text, problem);
          }
        }
        this.view.showComposerError(null);
      } finally {
        this.flushing = false;
      }
    })();
  }

  /** The service refused a message: say why in plain words; a message too long goes back to the composer to shorten. */
  private refused(entry: MessageEntry, text: string, problem: ChatProblem): void {
    this.outbox.remove(entry.clientMessageId);
    const tooLong = problem.status === 413 || (problem.status === 400 && /long|length|characters/i.test(problem.detail));
    if (tooLong) {
      this.transcript.remove(entry);
      if (this.view.input.value === '') this.view.input.value = text;
      this.view.showComposerError(this.t.tooLong(this.settings?.maxMessageLength ?? 0));
    } else {
      Object.assign(entry, { delivery: 'failed', problem: `${this.t.failed} ${this.describe(problem)}` });
    }
    this.renderAll();
  }

  private retry(entry: MessageEntry): void {
    this.queueMessage(entry.clientMessageId, entry.text, entry.files);
  }

  /** Each file's bytes are fetched once per page and kept as a blob: address for every render after. */
  private fileUrl(file: AttachedFile): Promise<string> {
    let url = this.fileUrls.get(file.attachmentId);
    if (!url) {
      url = this.api.file(file.attachmentId).then((blob) => URL.createObjectURL(blob));
      url.catch(() => this.fileUrls.delete(file.attachmentId));
      this.fileUrls.set(file.attachmentId, url);
    }
    return url;
  }

  /** A failed action in the words shown beside its form. */
  private explain(failure: unknown): string {
    return failure instanceof ChatProblem ? this.describe(failure) : String(failure);
  }

  private describe(problem: ChatProblem): string {
    if (problem.status === 429) return this.t.tooMany;
    if (problem.status === 413) return this.t.tooLong(this.settings?.maxMessageLength ?? 0);
    if (problem.status >= 500 || problem.status === 0) return this.t.notAvailable;
    return this.t.invalid(problem.detail || problem.title);
  }

  private async markRead(): Promise<void> {
    if (!this.open || document.visibilityState !== 'visible') return this.renderBadge();
    const unread = this.transcript.unread();
    const current = this.transcript.current;
    if (unread.length === 0 || !current) return this.renderBadge();
    const upTo = Math.max(...unread.map((e) => e.version));
    current.visitorReadVersion = Math.max(current.visitorReadVersion, upTo);
    this.renderBadge();
    await this.api.markRead(upTo).catch(() => undefined);
  }

  private renderBadge(): void {
    this.view.setUnread(this.open ? 0 : this.transcript.unread().length);
  }

  private renderHeader(): void {
    const name = this.settings?.workspaceName ?? '';
    this.view.title.textContent = name ? this.t.chatWith(name) : this.t.openChat;
    const agent = this.transcript.current && !this.transcript.current.closed ? this.transcript.current.agentName : null;
    this.view.status.textContent = agent ?? (this.settings?.agentsOnline === false ? this.t.away : this.t.online);
  }

  /** Brings the transcript's DOM in line with the model: new entries added, changed ones replaced, order kept. */
  private renderAll(): void {
    const seen = this.transcript.lastSeenByAgent();
    const scroller = this.view.scroller;
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    const live = new Set<string>();
    let previous: HTMLElement | null = null;
    for (const entry of this.transcript.entries) {
      live.add(entry.key);
      const signature = this.signature(entry, entry === seen);
      let item = this.rendered.get(entry.key);
      if (!item || item.signature !== signature) {
        const element = renderEntry(entry, entry === seen, this.t, {
          retry: (e) => this.retry(e),
          fileUrl: (file) => this.fileUrl(file),
        });
        if (item) item.element.replaceWith(element);
        item = { element, signature };
        this.rendered.set(entry.key, item);
      }
      const expectedNext: ChildNode | null = previous ? previous.nextSibling : this.view.log.firstChild;
      if (item.element !== expectedNext) this.view.log.insertBefore(item.element, expectedNext);
      previous = item.element;
    }
    for (const [key, item] of this.rendered) {
      if (!live.has(key)) {
        item.element.remove();
        this.rendered.delete(key);
      }
    }
    this.renderHeader();
    this.renderCards();
    this.renderQueue();
    this.renderBadge();
    if (atBottom || this.open) scroller.scrollTop = scroller.scrollHeight;
  }

  private signature(entry: Entry, seen: boolean): string {
    return entry.kind === 'notice'
      ? `${entry.version}`
      : `${entry.version}|${entry.delivery}|${entry.text}|${entry.edited}|${entry.deleted}|${entry.problem}|${seen}|${entry.authorName}|${entry.files.length}`;
  }

  /** The one form the moment calls for, if any: pre-chat, leave a message, contact after a miss, or rating. */
  private renderCards(): void {
    const wanted = this.wantedCard();
    const shown = this.view.cards.dataset.card ?? '';
    this.view.composer.hidden = wanted === 'prechat' || wanted === 'away';
    if (wanted === shown) return;
    this.view.cards.dataset.card = wanted;
    const known = { name: this.config.visitorName, email: this.contactEmail ?? this.config.visitorEmail };
    switch (wanted) {
      case 'prechat':
        this.view.cards.replaceChildren(preChatCard(this.t, known, (name, email) => this.finishPreChat(name, email)));
        break;
      case 'away':
        this.view.cards.replaceChildren(awayCard(this.t, known, (name, email, message) => this.leaveMessage(name, email, message)));
        break;
      case 'contact':
        this.view.cards.replaceChildren(contactCard(this.t, known, (name, email) => this.saveContact(name, email)));
        break;
      case 'rating':
        this.view.cards.replaceChildren(ratingCard(this.t, (score, comment) => this.rate(score, comment)), this.startNewHint());
        break;
      case 'closed':
        this.view.cards.replaceChildren(this.startNewHint());
        break;
      case 'saved':
        this.view.cards.replaceChildren(h('p', { class: 'notice' }, this.t.contactSaved(this.contactEmail ?? '')));
        break;
      default:
        this.view.cards.replaceChildren();
    }
    if (this.open && (wanted === 'prechat' || wanted === 'away')) this.focusFirst();
  }

  private wantedCard(): string {
    const current = this.transcript.current;
    const ongoing = current && !current.closed;
    if (!this.preChatDone) return 'prechat';
    if (current?.missed && !current.closed) return this.contactEmail ? 'saved' : 'contact';
    // A message left while nobody was there: say where the answer will go until someone takes the chat.
    if (ongoing && this.leftMessage && !current.agentName) return 'saved';
    if (!ongoing && this.settings?.agentsOnline === false && this.outbox.all.length === 0) return this.contactEmail ? 'saved' : 'away';
    // Only a thread an agent answered can be rated.
    if (current?.closed) return current.rated || !this.transcript.answered(current.id) ? 'closed' : 'rating';
    return '';
  }

  private startNewHint(): HTMLElement {
    const button = h('button', { type: 'button', class: 'secondary' }, this.t.startNew);
    button.addEventListener('click', () => this.view.input.focus());
    return h('div', { class: 'card' }, h('p', {}, this.t.startNewHint), button);
  }

  private async finishPreChat(name: string, email: string): Promise<void> {
    try {
      await this.api.renew({ name, email });
      this.preChatDone = true;
      this.contactEmail = email;
      this.storage.write('contact', email);
      await this.connect();
      this.renderAll();
      this.view.input.focus();
    } catch (problem) {
      this.view.showComposerError(problem instanceof ChatProblem ? this.describe(problem) : String(problem));
    }
  }

  private async leaveMessage(name: string, email: string, message: string): Promise<string | null> {
    try {
      await this.api.renew({ name, email });
      const clientMessageId = newClientMessageId();
      this.transcript.addOwn(clientMessageId, message, 'pending');
      this.outbox.add({ clientMessageId, text: message });
      await this.connect();
      await this.waitForOutbox();
    } catch (problem) {
      return this.explain(problem);
    }
    // The contact goes with the conversation the message started.
    return this.saveContact(name, email);
  }

  private async waitForOutbox(): Promise<void> {
    while (this.outbox.all.length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  private async saveContact(name: string, email: string): Promise<string | null> {
    try {
      await this.api.leaveContact(email, name);
      this.leftMessage = true;
      this.contactEmail = email;
      this.storage.write('contact', email);
      this.renderAll();
      return null;
    } catch (problem) {
      return this.explain(problem);
    }
  }

  private async rate(score: number, comment: string): Promise<string | null> {
    try {
      await this.api.rate(score, comment);
      if (this.transcript.current) this.transcript.current.rated = true;
      this.renderAll();
      return null;
    } catch (problem) {
      return this.explain(problem);
    }
  }

  private autoGrow(): void {
    const input = this.view.input;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
  }
}
