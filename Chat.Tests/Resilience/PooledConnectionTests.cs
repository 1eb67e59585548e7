using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Tests.Support;
using Marten;
using Npgsql;

namespace Chat.Tests.Resilience;

/// <summary>
/// A statement PostgreSQL refuses while binding its parameters must leave the pooled connection usable.
/// The request edge refuses such text before it reaches the database; this holds even if a path forgets.
/// </summary>
[Collection(ChatAppCollection.Name)]
public sealed class PooledConnectionTests(ChatApp app)
{
    [Fact]
    public async Task Queries_refused_for_unstorable_text_leave_the_pooled_connections_working()
    {
        var workspace = await app.NewWorkspaceAsync();
        // Two connections for the whole test, so every query runs on a connection a refused one used before.
        var connection = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { MaxPoolSize = 2 }.ConnectionString;
        using var store = DocumentStore.For(options => options.ConfigureChatStore(connection));

        for (var round = 0; round < 30; round++)
        {
            await using var session = store.QuerySession();
            await Should.ThrowAsync<Exception>(() => session.Query<Workspace>().FirstOrDefaultAsync(w => w.WidgetKey == $"wk_\0{round}"));
            await Should.ThrowAsync<Exception>(() => session.Query<AgentAccount>().FirstOrDefaultAsync(a => a.Email == $"\0{round}@x.test"));

            var found = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                await using var reader = store.QuerySession();
                return await reader.Query<Workspace>().FirstOrDefaultAsync(w => w.WidgetKey == workspace.Workspace.WidgetKey);
            }));
            found.ShouldAllBe(w => w != null && w.Id == workspace.Id);
            var agent = await session.Query<AgentAccount>().FirstOrDefaultAsync(a => a.Email == workspace.Agent.Account.Email);
            agent!.Id.ShouldBe(workspace.Agent.Id);
        }
    }
}
