/** The workspace as its admins read it (GET /api/workspace). */
export interface WorkspaceSettings {
  id: string;
  name: string;
  widgetKey: string;
  createdAt: string;
  allowedOrigins: string[];
  /** Every member of staff needs a second factor; until they enrol, only their account page works. */
  requireTwoFactor: boolean;
}
