using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Chat.Domain.Threads.Tagging;
using Chat.Projections.TagCatalogue;
using Marten;

namespace Chat.Api.TagCatalogue;

/// <summary>
/// A name given to a catalogue tag stays that tag's for good, through renames and deletion: so a thread tagged
/// "billing" last year still means the tag now called "payments", never a newer tag that took the name. The claim
/// is a document per name, inserted (never stored over), so two tags can never take one name at once.
/// </summary>
public sealed record TagNameClaim(string Id, Guid TagId);

/// <summary>A thread tag as the catalogue understands it: the name to record and every name of the same tag.</summary>
public sealed record ResolvedTag(string Name, IReadOnlyList<string> Names);

public static class TagNames
{
    public static async Task<IResult?> ClaimAsync(IDocumentSession session, string name, Guid tagId, CancellationToken ct)
    {
        if (await session.LoadAsync<TagNameClaim>(name, ct) is { } claim)
            return claim.TagId == tagId ? null : Problems.Of(StatusCodes.Status409Conflict, "Conflict", $"The tag name '{name}' is taken already.");
        session.Insert(new TagNameClaim(name, tagId));
        return null;
    }

    /// <summary>
    /// What tagging a thread with this name means: a catalogue tag under any of its names is recorded under its current
    /// one; a deleted one is refused; a name outside the catalogue is kept as typed where free tags are allowed.
    /// </summary>
    public static async Task<(ResolvedTag? Tag, Rejection? Rejection)> ForTaggingAsync(IQuerySession session, string workspaceId, string raw,
        CancellationToken ct)
    {
        var (name, rejection) = TagName.Normalize(raw);
        if (rejection is not null) return (null, rejection);
        if (await FindAsync(session, name!, ct) is { } tag)
            return tag.Deleted
                ? (null, Reject.Conflict($"The tag '{tag.Name}' was deleted from the catalogue; restore it to use it."))
                : (new ResolvedTag(tag.Name, tag.Names()), null);
        var freeTags = (await session.LoadAsync<Workspace>(workspaceId, ct))?.FreeTags ?? true;
        return freeTags
            ? (new ResolvedTag(name!, [name!]), null)
            : (null, Reject.Conflict($"'{name}' is not in the tag catalogue, and this workspace allows catalogue tags only."));
    }

    /// <summary>Every name the given name stands for: all of its catalogue tag's names, or itself.</summary>
    public static async Task<IReadOnlyList<string>> AllNamesAsync(IQuerySession session, string name, CancellationToken ct) =>
        await FindAsync(session, name, ct) is { } tag ? tag.Names() : [name];

    private static async Task<TagView?> FindAsync(IQuerySession session, string name, CancellationToken ct) =>
        await session.LoadAsync<TagNameClaim>(name, ct) is { } claim ? await session.LoadAsync<TagView>(claim.TagId, ct) : null;
}
