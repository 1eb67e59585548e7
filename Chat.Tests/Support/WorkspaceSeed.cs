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
        foreach (var (key, role) in staff)
        {
            var account = new AgentAccount(Guid.CreateVersion7(), id, $"{key}@{id}.test", key, role, "", now);
            account = account with { PasswordHash = Hasher.HashPassword(account, TestAgent.Password) };
            session.Insert(account);
            inWorkspace.Insert(new AgentProfile(account.Id, account.Email, key, role, 3, [DefaultGroup.Id], false, now, null));
            members[key] = new TestAgent(account, tokens.ForAgent(account).Token);
        }
        await session.SaveChangesAsync();
        return (workspace, members);
    }
}
