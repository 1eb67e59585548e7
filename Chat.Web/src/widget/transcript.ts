import type { AttachedFile, LiveEvent, VisitorThreadView } from './protocol';

export type Delivery = 'pending' | 'queued' | 'sent' | 'failed';

export interface MessageEntry {
  kind: 'message';
  key: string;
  threadId: string | null;
  version: number;
  clientMessageId: string;
  messageId: string | null;
  mine: boolean;
  authorName: string | null;
  text: string;
  files: AttachedFile[];
  edited: boolean;
  deleted: boolean;
  delivery: Delivery;
  problem: string | null;
}

export type Notice =
  | { type: 'assigned'; name: string | null }
  | { type: 'unassigned' }
  | { type: 'transferred'; name: string | null }
  | { type: 'closed' }
  | { type: 'reopened' }
  | { type: 'newThread' }
  | { type: 'missed' }
  | { type: 'rated' };

export interface NoticeEntry {
  kind: 'notice';
  key: string;
  threadId: string;
  version: number;
  notice: Notice;
}

export type Entry = MessageEntry | NoticeEntry;

export interface CurrentThread {
  id: string;
  number: number;
  closed: boolean;
  rated: boolean;
  missed: boolean;
  queued: boolean;
  agentName: string | null;
  agentReadVersion: number;
  visitorReadVersion: number;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The visitor's transcript as facts arrive, from the live push or from catch-up alike: each thread's facts are applied
 * once, by version, so a fact seen twice (a push racing a catch-up) changes nothing. The visitor's own messages appear at
 * once as pending under their client message id and become the stored message when it comes back.
 */
export class Transcript {
  readonly entries: Entry[] = [];
  current: CurrentThread | null = null;
  private readonly lastVersion = new Map<string, number>();
  private readonly threadNumbers = new Map<string, number>();

  /** The threads the service reports, oldest first; the last one is current. */
  knowThreads(threads: VisitorThreadView[], agentName: string | null, agentReadVersion: number, visitorReadVersion: number): void {
    for (const thread of threads) this.threadNumbers.set(thread.threadId, thread.number);
    const latest = threads[threads.length - 1];
    if (!latest) return;
    this.current = {
      id: latest.threadId,
      number: latest.number,
      closed: latest.status === 'Closed',
      rated: latest.rating !== null,
      missed: false,
      queued: false,
      agentName,
      agentReadVersion,
      visitorReadVersion,
    };
  }

  versionOf(threadId: string): number {
    return this.lastVersion.get(threadId) ?? 0;
  }

  /** Applies a fact unless it was applied already; answers whether anything changed. */
  apply(e: LiveEvent): boolean {
    if (e.version <= this.versionOf(e.threadId)) return false;
    this.lastVersion.set(e.threadId, e.version);
    if (e.type === 'thread_started') this.beginThread(e);
    const thread = this.current?.id === e.threadId ? this.current : null;
    const d = e.data;

    switch (e.type) {
      case 'message_posted':
        this.posted(e, thread);
        break;
      case 'message_edited': {
        const entry = this.message(text(d.messageId));
        if (entry) Object.assign(entry, { text: text(d.text) ?? entry.text, edited: true });
        break;
      }
      case 'message_deleted': {
        const entry = this.message(text(d.messageId));
        if (entry) Object.assign(entry, { text: '', files: [], deleted: true });
        break;
      }
      case 'messages_read':
        if (thread && d.side === 'Agent') thread.agentReadVersion = Math.max(thread.agentReadVersion, Number(d.upToVersion) || 0);
        if (thread && d.side === 'Visitor') thread.visitorReadVersion = Math.max(thread.visitorReadVersion, Number(d.upToVersion) || 0);
        break;
      case 'thread_queued':
        if (thread) thread.queued = true;
        break;
      case 'thread_assigned':
        if (thread) Object.assign(thread, { agentName: text(d.agentName), queued: false, missed: false });
        this.notice(e, { type: 'assigned', name: text(d.agentName) });
        break;
      case 'thread_unassigned':
        if (thread) Object.assign(thread, { agentName: null, queued: true });
        this.notice(e, { type: 'unassigned' });
        break;
      case 'thread_transferred':
        this.notice(e, { type: 'transferred', name: text(d.toAgentName) ?? text(d.agentName) });
        break;
      case 'thread_closed':
        if (thread) Object.assign(thread, { closed: true, queued: false });
        this.notice(e, { type: 'closed' });
        break;
      case 'thread_reopened':
        if (thread) thread.closed = false;
        this.notice(e, { type: 'reopened' });
        break;
      case 'thread_missed':
        if (thread) Object.assign(thread, { missed: true, queued: false });
        this.notice(e, { type: 'missed' });
        break;
      case 'thread_rated':
        if (thread) thread.rated = true;
        this.notice(e, { type: 'rated' });
        break;
    }
    return true;
  }

  /** The visitor's message, shown at once, before the service has it. */
  addOwn(clientMessageId: string, messageText: string, delivery: Delivery, files: AttachedFile[] = []): MessageEntry {
    const entry: MessageEntry = {
      kind: 'message', key: `c:${clientMessageId}`, threadId: null, version: 0, clientMessageId, messageId: null, mine: true,
      authorName: null, text: messageText, files, edited: false, deleted: false, delivery, problem: null,
    };
    this.entries.push(entry);
    return entry;
  }

  own(clientMessageId: string): MessageEntry | undefined {
    return this.entries.find((e): e is MessageEntry => e.kind === 'message' && e.mine && e.clientMessageId === clientMessageId);
  }

  /** The service stored the visitor's message: it takes its place among the stored facts. */
  confirmOwn(clientMessageId: string, threadId: string, version: number, messageId: string): void {
    const entry = this.own(clientMessageId);
    if (!entry) return;
    Object.assign(entry, { threadId, version, messageId, delivery: 'sent', problem: null });
    this.sort();
  }

  remove(entry: Entry): void {
    const index = this.entries.indexOf(entry);
    if (index >= 0) this.entries.splice(index, 1);
  }

  /** Agent messages of the current thread the visitor has not read. */
  unread(): MessageEntry[] {
    const thread = this.current;
    if (!thread) return [];
    return this.entries.filter((e): e is MessageEntry =>
      e.kind === 'message' && !e.mine && !e.deleted && e.threadId === thread.id && e.version > thread.visitorReadVersion);
  }

  /** Whether an agent wrote in the thread. */
  answered(threadId: string): boolean {
    return this.entries.some((e) => e.kind === 'message' && !e.mine && e.threadId === threadId);
  }

  /** The visitor's last stored message the agent has read, where "Seen" goes. */
  lastSeenByAgent(): MessageEntry | undefined {
    const thread = this.current;
    if (!thread) return undefined;
    return this.entries.filter((e): e is MessageEntry =>
      e.kind === 'message' && e.mine && e.threadId === thread.id && e.version > 0 && e.version <= thread.agentReadVersion).pop();
  }

  private beginThread(e: LiveEvent): void {
    const number = Number(e.data.number) || 1;
    this.threadNumbers.set(e.threadId, number);
    if (this.current && this.current.number >= number && this.current.id !== e.threadId) return;
    if (number > 1) this.notice(e, { type: 'newThread' });
    if (this.current?.id !== e.threadId) {
      this.current = {
        id: e.threadId, number, closed: false, rated: false, missed: false, queued: false, agentName: null,
        agentReadVersion: 0, visitorReadVersion: 0,
      };
    }
  }

  private posted(e: LiveEvent, thread: CurrentThread | null): void {
    const d = e.data;
    const clientMessageId = text(d.clientMessageId) ?? '';
    const mine = d.authorKind === 'Visitor';
    const existing = mine && clientMessageId ? this.own(clientMessageId) : undefined;
    if (existing) {
      Object.assign(existing, { threadId: e.threadId, version: e.version, messageId: text(d.messageId), delivery: 'sent', problem: null });
    } else {
      this.entries.push({
        kind: 'message', key: `m:${text(d.messageId) ?? `${e.threadId}:${e.version}`}`, threadId: e.threadId, version: e.version,
        clientMessageId, messageId: text(d.messageId), mine, authorName: text(d.authorName), text: text(d.text) ?? '',
        files: Array.isArray(d.attachments) ? (d.attachments as AttachedFile[]) : [], edited: false, deleted: false, delivery: 'sent', problem: null,
      });
    }
    if (thread && !mine && text(d.authorName)) thread.agentName = text(d.authorName);
    this.sort();
  }

  private message(messageId: string | null): MessageEntry | undefined {
    return this.entries.find((e): e is MessageEntry => e.kind === 'message' && e.messageId === messageId);
  }

  private notice(e: LiveEvent, notice: Notice): void {
    this.entries.push({ kind: 'notice', key: `n:${e.threadId}:${e.version}`, threadId: e.threadId, version: e.version, notice });
    this.sort();
  }

  /** Stored facts by thread, then version; messages not yet stored last, in the order they were written. */
  private sort(): void {
    const rank = (entry: Entry): [number, number] =>
      entry.threadId === null || entry.version === 0
        ? [Number.MAX_SAFE_INTEGER, 0]
        : [this.threadNumbers.get(entry.threadId) ?? Number.MAX_SAFE_INTEGER - 1, entry.version];
    const order = new Map(this.entries.map((entry, index) => [entry, index]));
    this.entries.sort((a, b) => {
      const [ta, va] = rank(a);
      const [tb, vb] = rank(b);
      return ta - tb || va - vb || order.get(a)! - order.get(b)!;
    });
  }
}
