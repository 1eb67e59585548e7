using System.Security.Claims;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Domain.Agents;
using Chat.Projections.Agents;
using Marten;

namespace Chat.Api.Agents;

/// <summary>A colleague as the dashboard shows them: by name (never email), with presence and load, to transfer to or to watch.</summary>
public sealed record TeamMember(Guid Id, string DisplayName, string Role, AgentStatus Status, bool Connected, int OpenChats,
    int MaxConcurrentChats, IReadOnlyList<string> Groups);

public static class TeamEndpoint
{
    public static RouteGroupBuilder MapTeam(this RouteGroupBuilder staff)
    {
        staff.MapGet("/team", TeamAsync).RequireAuthorization(Policies.ReadConversations).WithTags("Agents");
        return staff;
    }

    private static async Task<IResult> TeamAsync(ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.QuerySession(user.WorkspaceId());
        var profiles = await session.Query<AgentProfile>().Where(p => !p.Deleted).OrderBy(p => p.DisplayName).ToListAsync(ct);
        var presence = (await session.Query<AgentPresenceView>().ToListAsync(ct)).ToDictionary(p => p.Id, p => p.Status);
        var connected = await LiveConnections.AgentsAsync(session, clock.GetUtcNow(), ct);
        var loads = await AgentLoads.OpenChatsAsync(session, ct);
        return Results.Ok(profiles.Select(p => new TeamMember(p.Id, p.DisplayName, p.Role, presence.GetValueOrDefault(p.Id, AgentStatus.Offline),
            connected.Contains(p.Id), loads.GetValueOrDefault(p.Id), p.MaxConcurrentChats, p.Groups)));
    }
}
