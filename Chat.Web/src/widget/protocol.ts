// The shapes Chat's visitor API and hub send, as the widget reads them.

export type ThreadStatus = 'Open' | 'Pending' | 'Snoozed' | 'Closed';

export interface WidgetSettings {
  workspaceName: string;
  group: string;
  agentsOnline: boolean;
  agentAvailable: boolean;
  maxMessageLength: number;
}

export interface WidgetSession {
  visitorToken: string;
  expiresAt: string;
  visitorId: string;
  conversationId: string;
  /** The page's signed identity was valid: the visitor is the same person on every device. */
  verified: boolean;
}

/** A file a message carries, as checked when it was uploaded. */
export interface AttachedFile {
  attachmentId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface VisitorMessageView {
  messageId: string;
  version: number;
  authorKind: 'Visitor' | 'Agent' | 'System';
  authorId: string;
  authorName: string | null;
  text: string;
  clientMessageId: string;
  postedAt: string;
  editedAt: string | null;
  deleted: boolean;
  attachments: AttachedFile[];
}

export interface VisitorThreadView {
  threadId: string;
  number: number;
  status: ThreadStatus;
  startedAt: string;
  closedAt: string | null;
  rating: number | null;
}

export interface VisitorConversation {
  conversationId: string;
  threads: VisitorThreadView[];
  currentThreadId: string | null;
  currentMessages: VisitorMessageView[];
  currentVersion: number;
  agentName: string | null;
  unreadCount: number;
  visitorReadVersion: number;
  agentReadVersion: number;
}

/** One fact of a thread, the same from the live push and from catch-up. */
export interface LiveEvent {
  conversationId: string;
  threadId: string;
  version: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

export interface SentMessage {
  conversationId: string;
  threadId: string;
  messageId: string;
  version: number;
  duplicate: boolean;
}

export interface QueuePlace {
  conversationId: string;
  threadId: string;
  position: number;
  estimatedWaitSeconds: number;
}

export interface TypingPush {
  conversationId: string;
  side: 'Visitor' | 'Agent';
  who: string;
  expiresAt: string;
}
