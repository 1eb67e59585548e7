using Chat.Api.Identity;

namespace Chat.Api.RealTime;

/// <summary>Runs on every node: a revocation closes the connections this node holds on the tokens it ends.</summary>
public static class AccessRevokedHandler
{
    public static void Handle(AccessRevoked revoked, AccessCheck check, StaffConnections connections)
    {
        check.Forget(revoked);
        connections.Close(revoked);
    }
}
