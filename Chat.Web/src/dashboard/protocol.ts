// The staff API's shapes, as the dashboard reads them.

export type ThreadStatus = 'Queued' | 'Open' | 'Pending' | 'Snoozed' | 'Closed';
export type Priority = 'None' | 'Low' | 'Medium' | 'High' | 'Urgent';
export type AuthorKind = 'Visitor' | 'Agent' | 'System';

export interface InboxItem {
  id: string;
  visitorId: string;
  visitorName: string | null;
  /** The business's backend signed who the visitor is. */
  visitorVerified: boolean;
  visitorEmail: string | null;
  group: string;
  threadId: string;
  threadNumber: number;
  status: ThreadStatus;
  assigneeId: string | null;
  tags: string[];
  priority: Priority;
  snoozedUntil: string | null;
  lastMessagePreview: string | null;
  lastMessageAuthor: AuthorKind | null;
  lastMessageAt: string | null;
  waitingSince: string | null;
  unreadForAgents: number;
  queuedAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

/** A file a message carries, as checked when it was uploaded. */
export interface AttachedFile {
  attachmentId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface MessageView {
  messageId: string;
  version: number;
  authorKind: AuthorKind;
  authorId: string;
  text: string;
  isPrivateNote: boolean;
  clientMessageId: string;
  postedAt: string;
  editedAt: string | null;
  deleted: boolean;
  attachments: AttachedFile[];
}

export interface ThreadSummary {
  threadId: string;
  number: number;
  status: ThreadStatus;
  assigneeId: string | null;
  tags: string[];
  priority: Priority;
  snoozedUntil: string | null;
  startedAt: string;
  closedAt: string | null;
  rating: number | null;
}

export interface ConversationView {
  conversation: {
    id: string;
    visitorId: string;
    visitorName: string | null;
    visitorVerified: boolean;
    visitorEmail: string | null;
    source: string;
    group: string;
    startedAt: string;
    currentThreadId: string | null;
    threads: ThreadSummary[];
  };
  summary: InboxItem;
  currentThread: { id: string; number: number; messages: MessageView[]; visitorReadVersion: number; agentReadVersion: number; version: number } | null;
}

export interface LiveEvent {
  conversationId: string;
  threadId: string;
  version: number;
  type: string;
  at: string;
  audience: 'Everyone' | 'Staff';
  data: Record<string, unknown>;
}

export interface ThreadEntry {
  version: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
  /** The macro whose run caused this fact, if one did. */
  macro?: string | null;
}

export interface RoutingCandidate {
  agentId: string;
  status: string;
  load: number;
  limit: number;
  verdict: string;
}

/** A canned response: shared by the workspace (ownerId null) or one agent's own. */
export interface CannedResponse {
  id: string;
  ownerId: string | null;
  scope: 'shared' | 'personal';
  shortcut: string;
  title: string;
  text: string;
  tags: string[];
  deleted: boolean;
  updatedAt: string;
}

/** A canned response's text for one conversation; what could not be filled stays as typed and is listed. */
export interface RenderedCannedResponse {
  responseId: string;
  shortcut: string;
  text: string;
  unfilled: string[];
}

/** A catalogue tag; threads tagged under one of its former names show under its current one. */
export interface TagEntry {
  id: string;
  name: string;
  colour: string;
  formerNames: string[];
  deleted: boolean;
}

export interface TagCatalogue {
  freeTags: boolean;
  tags: TagEntry[];
}
