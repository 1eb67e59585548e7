using Chat.Domain.TagCatalogue;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Chat.Projections.TagCatalogue;

/// <summary>
/// A catalogue tag as lists show it. <c>FormerNames</c> is the rename map: threads tagged under an earlier name keep
/// it in their history, and readers show them under <c>Name</c>, in <c>Colour</c>.
/// </summary>
public sealed record TagView
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Colour { get; init; } = "";
    public IReadOnlyList<string> FormerNames { get; init; } = [];
    public bool Deleted { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Every name this tag has had, the current one first.</summary>
    public IReadOnlyList<string> Names() => [Name, .. FormerNames];
}

public sealed partial class TagViewProjection : SingleStreamProjection<TagView, Guid>
{
    public TagViewProjection()
    {
        IncludeType<TagCreated>();
        IncludeType<TagRenamed>();
        IncludeType<TagRecoloured>();
        IncludeType<TagDeleted>();
        IncludeType<TagRestored>();
    }

    public override TagView? Evolve(TagView? view, Guid id, IEvent e) => e.Data switch
    {
        TagCreated c => new TagView { Id = c.TagId, Name = c.Name, Colour = c.Colour, CreatedAt = e.At(), UpdatedAt = e.At() },
        TagRenamed r when view is not null => view with
        {
            Name = r.Name, FormerNames = [.. view.FormerNames.Where(n => n != r.Name).Append(r.PreviousName).Distinct()], UpdatedAt = e.At(),
        },
        TagRecoloured r when view is not null => view with { Colour = r.Colour, UpdatedAt = e.At() },
        TagDeleted when view is not null => view with { Deleted = true, UpdatedAt = e.At() },
        TagRestored when view is not null => view with { Deleted = false, UpdatedAt = e.At() },
        _ => view,
    };
}
