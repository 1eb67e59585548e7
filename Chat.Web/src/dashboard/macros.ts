import { nameOf } from './team';

export type MacroStep = 'AddTags' | 'SetPriority' | 'SetStatus' | 'Assign' | 'Reply' | 'Note' | 'Close' | 'Canned';

export interface MacroAction {
  step: MacroStep;
  tags?: string[] | null;
  priority?: string | null;
  status?: string | null;
  snoozeMinutes?: number | null;
  agentId?: string | null;
  group?: string | null;
  text?: string | null;
  cannedResponseId?: string | null;
}

/** What a canned step shows of its response. */
export interface CannedChoice { id: string; shortcut: string; title: string; ownerId: string | null }

export interface Macro {
  id: string;
  name: string;
  scope: 'Shared' | 'Personal';
  ownerId: string | null;
  actions: MacroAction[];
  deleted: boolean;
}

export const steps: { value: MacroStep; label: string }[] = [
  { value: 'AddTags', label: 'Add tags' },
  { value: 'SetPriority', label: 'Set priority' },
  { value: 'SetStatus', label: 'Set status' },
  { value: 'Assign', label: 'Assign' },
  { value: 'Reply', label: 'Send a reply' },
  { value: 'Canned', label: 'Send a canned response' },
  { value: 'Note', label: 'Add a note' },
  { value: 'Close', label: 'Close' },
];

/** One step in plain words, as the list and the run menu show it. */
export function describeStep(a: MacroAction, canned: CannedChoice[] = []): string {
  switch (a.step) {
    case 'Canned': {
      const c = canned.find((x) => x.id === a.cannedResponseId);
      return c ? `Canned /${c.shortcut}` : 'Canned response';
    }
    case 'AddTags': return `Tag ${(a.tags ?? []).join(', ')}`;
    case 'SetPriority': return `Priority ${a.priority}`;
    case 'SetStatus': return a.status === 'Snoozed' ? `Snooze ${a.snoozeMinutes} min` : `Status ${a.status}`;
    case 'Assign': return a.agentId ? `Assign to ${nameOf(a.agentId)}` : `Move to group ${a.group}`;
    case 'Reply': return `Reply "${a.text}"`;
    case 'Note': return `Note "${a.text}"`;
    case 'Close': return a.text ? `Close: ${a.text}` : 'Close';
  }
}

/** Only the fields the step takes: the service refuses any other. */
export function cleanStep(a: MacroAction): MacroAction {
  switch (a.step) {
    case 'AddTags': return { step: a.step, tags: (a.tags ?? []).map((t) => t.trim()).filter(Boolean) };
    case 'SetPriority': return { step: a.step, priority: a.priority ?? 'None' };
    case 'SetStatus': return a.status === 'Snoozed'
      ? { step: a.step, status: 'Snoozed', snoozeMinutes: Number(a.snoozeMinutes) || 60 }
      : { step: a.step, status: a.status ?? 'Pending' };
    case 'Assign': return a.agentId ? { step: a.step, agentId: a.agentId } : { step: a.step, group: (a.group ?? '').trim() };
    case 'Reply':
    case 'Note': return { step: a.step, text: a.text ?? '' };
    case 'Close': return a.text?.trim() ? { step: a.step, text: a.text.trim() } : { step: a.step };
    case 'Canned': return { step: a.step, cannedResponseId: a.cannedResponseId ?? null };
  }
}
