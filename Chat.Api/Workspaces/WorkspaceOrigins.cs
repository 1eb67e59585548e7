using Chat.Api.Identity;
using Marten;
using Microsoft.Extensions.Caching.Memory;

namespace Chat.Api.Workspaces;

/// <summary>
/// The allowed origins as the visitor requests check them, cached briefly so a visitor's requests cost no
/// extra query each. A change made on this node counts at once; on other nodes within <see cref="Lifetime"/>.
/// </summary>
public sealed class WorkspaceOrigins(IDocumentStore store) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    // Bounded: the preflight lookups are keyed by whatever Origin a client sends.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public async Task<IReadOnlyList<string>> OfWorkspaceAsync(string workspaceId, CancellationToken ct) =>
        await GetAsync(("workspace", workspaceId), async () =>
        {
            await using var session = store.QuerySession();
            return (await session.LoadAsync<Workspace>(workspaceId, ct))?.AllowedOrigins ?? [];
        });

    /// <summary>Whether some workspace allows this origin: all a preflight, which names no workspace, can be answered by.</summary>
    public async Task<bool> AnyWorkspaceAllowsAsync(string origin, CancellationToken ct) =>
        await GetAsync(("any", origin), async () =>
        {
            await using var session = store.QuerySession();
            return await session.Query<Workspace>().AnyAsync(w => w.AllowedOrigins.Contains(origin), ct);
        });

    /// <summary>After a change on this node: its next requests see the new list.</summary>
    public void Forget(string workspaceId, IEnumerable<string> origins)
    {
        cache.Remove(("workspace", workspaceId));
        foreach (var origin in origins) cache.Remove(("any", origin));
    }

    private async Task<T> GetAsync<T>((string, string) key, Func<Task<T>> load)
    {
        if (cache.TryGetValue(key, out T? known)) return known!;
        var value = await load();
        cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return value;
    }

    public void Dispose() => cache.Dispose();
}
