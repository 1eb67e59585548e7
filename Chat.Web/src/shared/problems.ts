/** A refusal or fault, read from RFC 9457 problem details (HTTP) or from a hub error carrying the same fields. */
export class ChatProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(detail || title);
  }

  /** As pages show a refusal: the title and, when there is one, the detail ("Conflict: An account with this email exists…"). */
  get plain(): string {
    return this.detail ? `${this.title}: ${this.detail}` : this.title;
  }

  /** Worth sending again unchanged: the service or the network will be back. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export async function problemFrom(response: Response): Promise<ChatProblem> {
  const retryAfter = Number(response.headers.get('Retry-After'));
  let title = response.statusText;
  let detail = '';
  try {
    const body = await response.json();
    title = typeof body.title === 'string' ? body.title : title;
    detail = typeof body.detail === 'string' ? body.detail : '';
  } catch {
    // Not problem details (a proxy's page, say): the status alone says enough.
  }
  return new ChatProblem(response.status, title, detail, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
}

/** Hub refusals arrive as an error whose message ends with the problem's JSON. */
export function problemFromHubError(error: unknown): ChatProblem {
  const message = error instanceof Error ? error.message : String(error);
  const start = message.indexOf('{');
  if (start >= 0) {
    try {
      const body = JSON.parse(message.slice(start));
      if (typeof body.status === 'number') return new ChatProblem(body.status, body.title ?? '', body.detail ?? '');
    } catch {
      // Fall through: not one of Chat's problems.
    }
  }
  return new ChatProblem(0, 'Connection problem', message);
}
