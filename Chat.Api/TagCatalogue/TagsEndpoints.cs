using System.Security.Claims;
using Chat.Api.Identity;
using Chat.Api.Infrastructure;
using Chat.Domain.TagCatalogue;
using Chat.Domain.Threads.Tagging;
using Chat.Projections.TagCatalogue;
using Marten;

namespace Chat.Api.TagCatalogue;

public sealed record CreateTagRequest(string? Name, string? Colour);

public sealed record EditTagRequest(string? Name, string? Colour);

/// <summary>The workspace's tags and whether tags outside them are allowed, as every member of staff reads them.</summary>
public sealed record TagCatalogueView(bool FreeTags, IReadOnlyList<TagView> Tags);

/// <summary>
/// The tag catalogue: supervisors and admins create, rename, recolour, delete and restore tags; every change is an event
/// on the tag's own stream. Staff read it to show tags under their current names and in their colours.
/// </summary>
public static class TagsEndpoints
{
    public static RouteGroupBuilder MapTagCatalogue(this RouteGroupBuilder staff)
    {
        staff.MapGet("/tags", ListAsync).RequireAuthorization(Policies.ReadConversations).WithTags("Tags");
        var tags = staff.MapGroup("/tags").RequireAuthorization(Policies.Supervise).WithTags("Tags");
        tags.MapPost("", CreateAsync);
        tags.MapPatch("/{tagId:guid}", EditAsync);
        tags.MapDelete("/{tagId:guid}", (Guid tagId, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(tagId, user, store, tag => tag.Deleted ? null : new TagDeleted(tagId, user.AgentId(), clock.GetUtcNow()), ct));
        tags.MapPost("/{tagId:guid}/restore", (Guid tagId, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken ct) =>
            ChangeAsync(tagId, user, store, tag => tag.Deleted ? new TagRestored(tagId, user.AgentId(), clock.GetUtcNow()) : null, ct));
        return staff;
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IDocumentStore store, CancellationToken ct, bool includeDeleted = false)
    {
        await using var session = store.QuerySession(user.WorkspaceId());
        var tags = await session.Query<TagView>().OrderBy(t => t.Name).ToListAsync(ct);
        var workspace = await session.LoadAsync<Workspace>(user.WorkspaceId(), ct);
        return Results.Ok(new TagCatalogueView(workspace?.FreeTags ?? true, [.. tags.Where(t => includeDeleted || !t.Deleted)]));
    }

    private static async Task<IResult> CreateAsync(CreateTagRequest request, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock,
        CancellationToken ct)
    {
        var (name, badName) = TagName.Normalize(request.Name);
        var (colour, badColour) = request.Colour is null ? (TagColour.Default, null) : TagColour.Normalize(request.Colour);
        if ((badName?.Detail ?? badColour) is { } problem) return Problems.Invalid(problem);
        var id = Guid.CreateVersion7();
        return await ConcurrencyRetry.RunAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession(user.WorkspaceId());
            if (await TagNames.ClaimAsync(session, name!, id, ct) is { } taken) return taken;
            session.Events.StartStream<CatalogueTag>(id, new TagCreated(id, name!, colour!, user.AgentId(), clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
            return Results.Created($"/api/tags/{id}", await session.LoadAsync<TagView>(id, ct));
        }, ct);
    }

    /// <summary>A rename keeps the old name as the tag's own: threads tagged with it show the new name.</summary>
    private static async Task<IResult> EditAsync(Guid tagId, EditTagRequest request, ClaimsPrincipal user, IDocumentStore store,
        TimeProvider clock, CancellationToken ct)
    {
        if (request is { Name: null, Colour: null }) return Problems.Invalid("Name a change: name or colour.");
        var (name, badName) = request.Name is null ? (null, null) : TagName.Normalize(request.Name);
        var (colour, badColour) = request.Colour is null ? (null, null) : TagColour.Normalize(request.Colour);
        if ((badName?.Detail ?? badColour) is { } problem) return Problems.Invalid(problem);
        return await ConcurrencyRetry.RunAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession(user.WorkspaceId());
            var stream = await session.Events.FetchForWriting<CatalogueTag>(tagId, ct);
            if (stream.Aggregate is not { } tag) return Unknown(tagId);
            var now = clock.GetUtcNow();
            if (name is not null && name != tag.Name)
            {
                if (await TagNames.ClaimAsync(session, name, tagId, ct) is { } taken) return taken;
                stream.AppendOne(new TagRenamed(tagId, name, tag.Name, user.AgentId(), now));
            }
            if (colour is not null && colour != tag.Colour) stream.AppendOne(new TagRecoloured(tagId, colour, user.AgentId(), now));
            await session.SaveChangesAsync(ct);
            return Results.Ok(await session.LoadAsync<TagView>(tagId, ct));
        }, ct);
    }

    private static async Task<IResult> ChangeAsync(Guid tagId, ClaimsPrincipal user, IDocumentStore store, Func<CatalogueTag, object?> change,
        CancellationToken ct) =>
        await ConcurrencyRetry.RunAsync<IResult>(async () =>
        {
            await using var session = store.LightweightSession(user.WorkspaceId());
            var stream = await session.Events.FetchForWriting<CatalogueTag>(tagId, ct);
            if (stream.Aggregate is not { } tag) return Unknown(tagId);
            if (change(tag) is { } e)
            {
                stream.AppendOne(e);
                await session.SaveChangesAsync(ct);
            }
            return Results.Ok(await session.LoadAsync<TagView>(tagId, ct));
        }, ct);

    private static IResult Unknown(Guid tagId) => Problems.NotFound($"Tag {tagId} is not in this workspace's catalogue.");
}
