using Chat.Tests.Assignment;
using Chat.Tests.Support;
using Npgsql;

namespace Chat.Tests.Resilience;

/// <summary>Background work that meets a database outage is retried once the database is back, never dead-lettered.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class BackgroundOutageTests(ChatApp app)
{
    [Fact]
    public async Task A_routing_run_whose_connection_the_database_terminates_runs_again()
    {
        var workspace = await app.NewWorkspaceAsync();
        await app.GoOnlineAsync(workspace.Agent);

        // Hold the row of the workspace's router from outside, so the run the next message starts waits inside the
        // database, saving its decision, until its connection is terminated, as a restart of PostgreSQL terminates it (57P01).
        await using var holder = new NpgsqlConnection(TestDatabase.ConnectionString);
        await holder.OpenAsync();
        var holding = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("select id from chat.mt_doc_workspacerouter where id = $1 for update", holder, holding)
                     { Parameters = { new() { Value = workspace.Id } } })
            (await take.ExecuteScalarAsync()).ShouldBe(workspace.Id, "going online started the workspace's router");

        var visitor = await workspace.NewVisitorAsync();
        await visitor.SendAsync("Anyone there?");
        await using var terminate = new NpgsqlCommand(
            "select count(pg_terminate_backend(pid)) from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))", holder);
        var terminated = await Eventually.Async(async () => (long)(await terminate.ExecuteScalarAsync())!, n => n > 0, TimeSpan.FromSeconds(10));
        terminated.ShouldBe(1);
        await holding.RollbackAsync();

        var item = await Eventually.Async(() => app.RoutedAsync(workspace, visitor), i => i.AssigneeId is not null, TimeSpan.FromSeconds(90));
        item.AssigneeId.ShouldBe(workspace.Agent.Id);
        await using var count = new NpgsqlCommand(
            "select count(*) from chat.wolverine_dead_letters where position(convert_to($1, 'UTF8') in body) > 0", holder)
            { Parameters = { new() { Value = workspace.Id } } };
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(0);
    }
}
