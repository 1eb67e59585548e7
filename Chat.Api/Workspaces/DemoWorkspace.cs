using System.Security.Cryptography;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Chat.Api.Workspaces;

/// <summary>
/// On the first start, creates a demo workspace with an admin and prints how to sign in, once. Later
/// starts find it and change nothing but add the configured allowed origins it lacks; of nodes that start together
/// on an empty database, one makes it.
/// </summary>
public sealed class DemoWorkspace(IDocumentStore store, IOptions<ChatOptions> options, PasswordHasher<AgentAccount> hasher,
    TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var demo = options.Value.Demo;
        if (!demo.Enabled) return;

        var (origins, problem) = AllowedOrigins.Normalize(demo.AllowedOrigins.Split(',', StringSplitOptions.RemoveEmptyEntries));
        if (problem is not null) throw new InvalidOperationException($"Chat:Demo:AllowedOrigins: {problem}");

        await using var session = store.LightweightSession();
        if (await session.LoadAsync<Workspace>(demo.WorkspaceId, ct) is { } existing)
        {
            await AllowConfiguredOriginsAsync(session, existing, origins!, ct);
            return;
        }

        var password = string.IsNullOrEmpty(demo.AdminPassword) ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)) : demo.AdminPassword;
        var created = WorkspaceCreation.Stage(session, demo.WorkspaceId,
            new WorkspaceSetup(demo.WorkspaceName, demo.AdminEmail, password, "Admin"), origins!, hasher, clock.GetUtcNow());
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DocumentAlreadyExistsException || StoreFaults.Classify(e) == StoreFault.UniqueViolation)
        {
            // Another node started at the same moment and made it (and printed how to sign in); nothing of this one is kept.
            return;
        }

        // Straight to the console rather than the logs, which may be shipped elsewhere.
        Console.WriteLine($"""
            Created the demo workspace '{created.WorkspaceId}'. This is shown once:
              admin login: {created.AdminEmail} / {password}
              widget key:  {created.WidgetKey}
            """);
    }

    private static async Task AllowConfiguredOriginsAsync(IDocumentSession session, Workspace workspace, IReadOnlyList<string> configured,
        CancellationToken ct)
    {
        var missing = configured.Except(workspace.AllowedOrigins).ToList();
        if (missing.Count == 0) return;
        session.Store(workspace with { AllowedOrigins = [.. workspace.AllowedOrigins, .. missing] });
        await session.SaveChangesAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
