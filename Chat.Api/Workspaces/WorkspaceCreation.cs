using System.Security.Cryptography;
using System.Text;
using Chat.Api.Catalog;
using Chat.Api.Identity;
using Chat.Domain;
using Marten;
using Microsoft.AspNetCore.Identity;

namespace Chat.Api.Workspaces;

/// <summary>What a new workspace needs: a name and its first admin. The same rules for sign-up, the operator command and the demo.</summary>
public sealed record WorkspaceSetup(string? WorkspaceName, string? Email, string? Password, string? DisplayName);

/// <summary>A workspace made: its id, widget key and first admin.</summary>
public sealed record CreatedWorkspace(string WorkspaceId, string Name, string WidgetKey, Guid AdminId, string AdminEmail);

public static class WorkspaceCreation
{
    public static string NewWidgetKey() => $"wk_{Guid.NewGuid():N}";

    /// <summary>The first thing wrong with the setup, in words for its author; null when it can be made.</summary>
    public static string? Check(WorkspaceSetup setup) =>
        CatalogRules.CheckName(setup.WorkspaceName, "workspaceName")
        ?? CatalogRules.CheckEmail(setup.Email?.Trim().ToLowerInvariant() ?? "")
        ?? (setup.DisplayName is null ? null : CatalogRules.CheckName(setup.DisplayName, "displayName"))
        ?? (setup.Password?.Length >= CatalogRules.MinPasswordLength ? null : $"The password has at least {CatalogRules.MinPasswordLength} characters.");

    /// <summary>
    /// A readable id from the name with a random tail (so two "Acme"s never meet), usable as a tenant id:
    /// lowercase letters, digits and dashes.
    /// </summary>
    public static string NewId(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
            if (slug.Length == 24) break;
        }
        var stem = slug.ToString().Trim('-');
        return $"{(stem.Length == 0 ? "workspace" : stem)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
    }

    /// <summary>Stages the workspace, its admin, the default group and the admin's profile in the session; the caller saves.</summary>
    public static CreatedWorkspace Stage(IDocumentSession session, string id, WorkspaceSetup setup, IReadOnlyList<string> allowedOrigins,
        PasswordHasher<AgentAccount> hasher, DateTimeOffset now)
    {
        var workspace = new Workspace(id, setup.WorkspaceName!.Trim(), NewWidgetKey(), now) { AllowedOrigins = allowedOrigins };
        var admin = new AgentAccount(Guid.CreateVersion7(), id, setup.Email!.Trim().ToLowerInvariant(),
            string.IsNullOrWhiteSpace(setup.DisplayName) ? "Admin" : setup.DisplayName.Trim(), Roles.Admin, "", now);
        session.Insert(workspace);
        session.Insert(admin with { PasswordHash = hasher.HashPassword(admin, setup.Password!) });
        var tenant = session.ForTenant(id);
        tenant.Insert(DefaultGroup.Create(now));
        tenant.Insert(new AgentProfile(admin.Id, admin.Email, admin.DisplayName, admin.Role, 3, [DefaultGroup.Id], false, now, null));
        return new CreatedWorkspace(id, workspace.Name, workspace.WidgetKey, admin.Id, admin.Email);
    }
}
