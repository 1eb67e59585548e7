import { ChatProblem } from '../shared/problems';

/** Whatever a call threw, as the pages show it: a problem's title and detail, or an error's message. */
export const explain = (problem: unknown): string =>
  problem instanceof ChatProblem ? problem.plain : problem instanceof Error ? problem.message : String(problem);

/** Copies text for the user; false without clipboard access, when the text stays selectable on screen. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
