namespace Chat.Projections.Routing;

/// <summary>
/// Something changed that may let the router give a waiting thread to an agent: a thread was queued,
/// closed or released, an agent's availability or limit changed. Published in the same transaction as
/// the change, so no waiting thread is ever left unseen.
/// </summary>
public sealed record RouteWorkspace(string WorkspaceId);
