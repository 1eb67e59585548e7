using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.Threads;
using Chat.Projections.Inbox;
using Marten;

namespace Chat.Api.Inbox;

/// <summary>A page of the inbox, newest activity first; pass NextCursor back to get the next page.</summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, string? NextCursor);

/// <summary>
/// The agents' inbox. Filters combine: a view (all, mine, unassigned), a status, a group, a tag, an
/// assignee. Pages follow the last activity's global event sequence, which is unique and ordered, so
/// paging never skips nor repeats a row even when activities share a timestamp.
/// </summary>
public static class InboxEndpoint
{
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapInbox(this RouteGroupBuilder staff)
    {
        staff.MapGet("/inbox", QueryAsync).RequireAuthorization(Policies.ReadConversations).WithTags("Inbox");
        return staff;
    }

    private static async Task<IResult> QueryAsync(ClaimsPrincipal user, IDocumentStore store, CancellationToken ct,
        string? view = null, ThreadStatus? status = null, string? group = null, string? tag = null, Guid? assignee = null,
        Priority? priority = null,
        int limit = 50, string? cursor = null)
    {
        if (limit is < 1 or > MaxPageSize) return Problems.Invalid($"limit is from 1 to {MaxPageSize}.");
        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, out var sequence) || sequence < 0) return Problems.Invalid("The cursor is not one this inbox gave out.");
            before = sequence;
        }

        await using var session = store.QuerySession(user.WorkspaceId());
        IQueryable<InboxItem> query = session.Query<InboxItem>();
        switch (view?.ToLowerInvariant())
        {
            case null or "all": break;
            case "mine":
                var me = user.AgentId();
                query = query.Where(x => x.AssigneeId == me && x.Status != ThreadStatus.Closed);
                break;
            case "unassigned":
                query = query.Where(x => x.AssigneeId == null && x.Status != ThreadStatus.Closed);
                break;
            default:
                return Problems.Invalid("view is one of all, mine, unassigned.");
        }
        if (status is { } s) query = query.Where(x => x.Status == s);
        if (priority is { } p) query = query.Where(x => x.Priority == p);
        if (!string.IsNullOrWhiteSpace(group)) query = query.Where(x => x.Group == group);
        if (!string.IsNullOrWhiteSpace(tag))
        {
            // A catalogue tag is found under all its names: threads tagged before a rename carry the old one.
            var wanted = (await TagCatalogue.TagNames.AllNamesAsync(session, tag.Trim().ToLowerInvariant(), ct)).ToArray();
            query = wanted.Length == 1 ? query.Where(x => x.Tags.Contains(wanted[0])) : query.Where(x => x.Tags.Any(t => wanted.Contains(t)));
        }
        if (assignee is { } a) query = query.Where(x => x.AssigneeId == a);
        if (before is { } b) query = query.Where(x => x.LastActivitySequence < b);

        var items = await query.OrderByDescending(x => x.LastActivitySequence).Take(limit + 1).ToListAsync(ct);
        var page = items.Take(limit).ToList();
        var next = items.Count > limit ? page[^1].LastActivitySequence.ToString() : null;
        return Results.Ok(new InboxPage(page, next));
    }
}
