import type { ChatProblem } from '../shared/problems';

/** A refusal as the pages show it: the problem's title and detail ("Conflict: An account with this email exists…"). */
export const explain = (problem: unknown): string => {
  const p = problem as ChatProblem;
  return `${p.title}: ${p.detail}`.replace(/: $/, '');
};

/** Copies text for the user; false without clipboard access, when the text stays selectable on screen. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
