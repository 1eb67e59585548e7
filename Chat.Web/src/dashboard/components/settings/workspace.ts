/** The workspace as its admins read it (GET /api/workspace). */
export interface WorkspaceSettings {
  id: string;
  name: string;
  widgetKey: string;
  createdAt: string;
  allowedOrigins: string[];
}
