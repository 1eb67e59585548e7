using Chat.Api.Catalog;
using Chat.Api.Identity;
using Marten;
using Microsoft.AspNetCore.Identity;

namespace Chat.Tests.Support;

/// <summary>
/// Stores a new workspace directly, as an operator would provision one: its default group and one staff
/// member per given role, each with a login, a profile (limit 3, default group) and a signed token.
/// </summary>
public static class WorkspaceSeed
{
    private static readonly PasswordHasher<AgentAccount> Hasher = new();

    public static async Task<(Workspace Workspace, IReadOnlyDictionary<string, TestAgent> Staff)> CreateAsync(IDocumentStore store,
        TokenIssuer tokens, string prefix, params (string Key, string Role)[] staff)
    {
        var id = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var now = DateTimeOffset.UtcNow;
        var workspace = new Workspace(id, $"Workspace {id}", $"wk_{Guid.NewGuid():N}", now);
        await using var session = store.LightweightSession();
        session.Insert(workspace);
        var inWorkspace = session.ForTenant(id);
        inWorkspace.Insert(DefaultGroup.Create(now));
        var members = new Dictionary<string, TestAgent>();
        foreach (var (key, role) in staff) members[key] = Add(session, tokens, workspace, key, role, now);
        await session.SaveChangesAsync();
        return (workspace, members);
    }

    /// <summary>One more member of staff in an existing workspace, named by <paramref name="key"/> (their display name).</summary>
    public static async Task<TestAgent> AddAgentAsync(IDocumentStore store, TokenIssuer tokens, Workspace workspace, string key,
        string role = Roles.Agent)
    {
        await using var session = store.LightweightSession();
        var agent = Add(session, tokens, workspace, key, role, DateTimeOffset.UtcNow);
        await session.SaveChangesAsync();
        return agent;
    }

    private static TestAgent Add(IDocumentSession session, TokenIssuer tokens, Workspace workspace, string key, string role, DateTimeOffset now)
    {
        var account = new AgentAccount(Guid.CreateVersion7(), workspace.Id, $"{key}@{workspace.Id}.test", key, role, "", now);
        account = account with { PasswordHash = Hasher.HashPassword(account, TestAgent.Password) };
        session.Insert(account);
        session.ForTenant(workspace.Id).Insert(new AgentProfile(account.Id, account.Email, key, role, 3, [DefaultGroup.Id], false, now, null));
        return new TestAgent(account, tokens.ForAgent(account).Token);
    }
}
