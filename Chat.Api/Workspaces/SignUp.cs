using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Chat.Api.Workspaces;

/// <summary>
/// A business signs up: a workspace, its widget key and its first admin, who then signs in. A private installation
/// turns this off (<c>Chat:SignUp:Enabled</c>) and makes workspaces with the operator command instead. The email is
/// unique within the new workspace only, so the answer says nothing about any other.
/// </summary>
public static class SignUp
{
    public static RouteGroupBuilder MapSignUp(this RouteGroupBuilder api)
    {
        api.MapPost("/signup", SignUpAsync).AllowAnonymous().WithTags("Workspace");
        return api;
    }

    private static async Task<IResult> SignUpAsync(WorkspaceSetup request, IDocumentStore store, PasswordHasher<AgentAccount> hasher,
        TimeProvider clock, IOptions<ChatOptions> options, CancellationToken ct)
    {
        if (!options.Value.SignUp.Enabled)
            return Problems.Forbidden("Sign-up is switched off on this installation: its operator makes workspaces.");
        if (WorkspaceCreation.Check(request) is { } problem) return Problems.Invalid(problem);

        await using var session = store.LightweightSession();
        var created = WorkspaceCreation.Stage(session, WorkspaceCreation.NewId(request.WorkspaceName!), request, [], hasher, clock.GetUtcNow());
        await session.SaveChangesAsync(ct);
        return Results.Created("/api/workspace", created);
    }
}
