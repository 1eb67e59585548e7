using Chat.Api.Identity;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Identity;

namespace Chat.Api.Workspaces;

public sealed class CreateWorkspaceInput : NetCoreInput
{
    [Description("The workspace's name")]
    public string Name { get; set; } = "";

    [Description("The first admin's email")]
    public string Email { get; set; } = "";

    [Description("The first admin's password (at least 10 characters); read from CHAT_ADMIN_PASSWORD when not given")]
    public string? PasswordFlag { get; set; }
}

/// <summary>
/// The operator's way to make a workspace, for installations with sign-up off:
/// <c>dotnet run --project Chat.Api -- create-workspace "Acme" admin@acme.test</c>. Prints the id and widget key.
/// </summary>
[Description("Creates a workspace with its first admin", Name = "create-workspace")]
public sealed class CreateWorkspaceCommand : JasperFxAsyncCommand<CreateWorkspaceInput>
{
    public override async Task<bool> Execute(CreateWorkspaceInput input)
    {
        var password = input.PasswordFlag ?? Environment.GetEnvironmentVariable("CHAT_ADMIN_PASSWORD");
        var setup = new WorkspaceSetup(input.Name, input.Email, password, null);
        if (WorkspaceCreation.Check(setup) is { } problem)
        {
            Console.Error.WriteLine(problem);
            return false;
        }

        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        var created = WorkspaceCreation.Stage(session, WorkspaceCreation.NewId(input.Name), setup, [],
            host.Services.GetRequiredService<PasswordHasher<AgentAccount>>(), TimeProvider.System.GetUtcNow());
        await session.SaveChangesAsync();
        Console.WriteLine($"Created workspace '{created.WorkspaceId}' ({created.Name}); admin {created.AdminEmail}; widget key {created.WidgetKey}");
        return true;
    }
}
