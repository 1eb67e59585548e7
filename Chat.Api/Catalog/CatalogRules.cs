using Chat.Api.Identity;
using Chat.Domain;
using Chat.Domain.Threads.Tagging;

namespace Chat.Api.Catalog;

/// <summary>What a valid catalog entry looks like; each check answers with the problem, or null.</summary>
public static class CatalogRules
{
    public const int MaxChatLimit = 50;
    public const int MinPasswordLength = 10;

    public static string? CheckLimit(int? limit) =>
        limit is < 0 or > MaxChatLimit ? $"maxConcurrentChats is from 0 to {MaxChatLimit}." : null;

    public static string? CheckRole(string? role) =>
        role is null || Roles.IsStaffRole(role) ? null : $"role is one of {string.Join(", ", Roles.Staff)}.";

    public static string? CheckName(string? name, string field) =>
        Chat.Domain.Text.IsBlank(name) ? $"{field} is required."
        : name.Length > 100 ? $"{field} has at most 100 characters."
        : null;

    /// <summary>An email is a login name, so two addresses that look the same must be the same (see <see cref="EmailAddress"/>).</summary>
    public static string? CheckEmail(string email) => EmailAddress.IsWellFormed(email) ? null : "A valid email is required.";

    public static (IReadOnlyList<string>? Groups, string? Problem) NormalizeGroups(IEnumerable<string>? groups)
    {
        var normalized = new List<string>();
        foreach (var group in groups ?? [])
        {
            var (name, rejection) = TagName.Normalize(group);
            if (rejection is not null) return (null, $"'{group}' is not a valid group id.");
            normalized.Add(name!);
        }
        return (normalized.Distinct().ToList(), null);
    }
}
