using System.Globalization;
using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Api.TagCatalogue;
using Chat.Domain;
using Chat.Domain.Threads.Tagging;
using Marten;

namespace Chat.Api.Search;

/// <summary>
/// <c>GET /api/search?q=&amp;tag=&amp;from=&amp;to=&amp;page=&amp;pageSize=</c>: the staff's search over their own workspace's
/// conversations, by the text of messages and notes as they show now, the visitor's name or email, a tag and a range.
/// </summary>
public static class SearchEndpoint
{
    public const int MaxQueryLength = 200;
    public const int MaxPageSize = 50;
    public const int MaxPage = 100;

    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder staff)
    {
        staff.MapGet("/search", SearchAsync).RequireAuthorization(Policies.ReadConversations).WithTags("Search");
        return staff;
    }

    private static async Task<IResult> SearchAsync(ClaimsPrincipal user, IDocumentStore store, CancellationToken ct,
        string? q = null, string? tag = null, string? from = null, string? to = null, int page = 1, int pageSize = 20)
    {
        var (criteria, problem) = Check(q, tag, from, to, page, pageSize);
        if (problem is not null) return Problems.Invalid(problem);
        if (criteria!.Tag is { } asked)
        {
            await using var session = store.QuerySession(user.WorkspaceId());
            criteria = criteria with { TagNames = await TagNames.AllNamesAsync(session, asked, ct) };
        }
        return Results.Ok(await SearchQuery.RunAsync(store, user.WorkspaceId(), criteria, ct));
    }

    public static (SearchCriteria?, string?) Check(string? q, string? tag, string? from, string? to, int page, int pageSize)
    {
        var text = Text.IsBlank(q) ? null : q!.Trim();
        if (text?.Length > MaxQueryLength) return (null, $"q has at most {MaxQueryLength} characters.");
        string? normalizedTag = null;
        if (!string.IsNullOrEmpty(tag))
        {
            (normalizedTag, var badTag) = TagName.Normalize(tag);
            if (badTag is not null) return (null, $"tag: {badTag.Detail}");
        }
        if (!TryTime(from, out var start)) return (null, "from is a date or a time in ISO 8601 (2026-12-07 or 2026-12-07T09:00:00Z).");
        if (!TryTime(to, out var end)) return (null, "to is a date or a time in ISO 8601 (2026-12-07 or 2026-12-07T09:00:00Z).");
        if (start is not null && end is not null && end <= start) return (null, "to must be later than from.");
        if (text is null && normalizedTag is null && start is null && end is null)
            return (null, "Say what to search for: q, a tag, or a range (from, to).");
        if (page is < 1 or > MaxPage) return (null, $"page is from 1 to {MaxPage}.");
        if (pageSize is < 1 or > MaxPageSize) return (null, $"pageSize is from 1 to {MaxPageSize}.");
        return (new SearchCriteria(text, normalizedTag, start, end, page, pageSize), null);
    }

    /// <summary>An instant with its offset, or a date alone, which means its midnight in UTC.</summary>
    private static bool TryTime(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(value)) return true;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            time = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) return false;
        time = instant.ToUniversalTime();
        return true;
    }
}
