using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.Agents;

/// <summary>
/// This process as a node: the id its agent connections are stored under, and those connections. The id
/// is new for every start and for every lease this process loses, so no node ever speaks for connections
/// that another node already dropped.
/// </summary>
public sealed class ThisNode
{
    private readonly ConcurrentDictionary<string, HubCallerContext> connections = new();
    private readonly Lock gate = new();
    private Guid id = Guid.CreateVersion7();

    public Guid Id
    {
        get { lock (gate) return id; }
    }

    /// <summary>Remembers an agent connection before it is stored, so that a lost lease can close it.</summary>
    public void Hold(HubCallerContext connection) => connections[connection.ConnectionId] = connection;

    public void Release(string connectionId) => connections.TryRemove(connectionId, out _);

    /// <summary>
    /// The lease was lost (this node was cut off for longer than it lasts, and others dropped its
    /// connections): take a new id and close every agent connection, so their clients reconnect and are
    /// stored afresh under the new id.
    /// </summary>
    public Guid StartOver()
    {
        Guid fresh;
        lock (gate) fresh = id = Guid.CreateVersion7();
        foreach (var connection in connections.Values) connection.Abort();
        return fresh;
    }
}
