namespace Chat.Domain.TagCatalogue;

/// <summary>
/// A catalogue tag's own stream. Its id is stable; its name may change. Threads keep the name they were tagged with
/// (their history is never rewritten), and a name once given to a tag stays that tag's: readers map any of its names
/// to its current one.
/// </summary>
public sealed record TagCreated(Guid TagId, string Name, string Colour, Guid CreatedBy, DateTimeOffset CreatedAt);

public sealed record TagRenamed(Guid TagId, string Name, string PreviousName, Guid RenamedBy, DateTimeOffset RenamedAt);

public sealed record TagRecoloured(Guid TagId, string Colour, Guid ChangedBy, DateTimeOffset ChangedAt);

public sealed record TagDeleted(Guid TagId, Guid DeletedBy, DateTimeOffset DeletedAt);

public sealed record TagRestored(Guid TagId, Guid RestoredBy, DateTimeOffset RestoredAt);

/// <summary>Write model of a catalogue tag's stream.</summary>
public sealed record CatalogueTag(Guid Id, string Name, string Colour, IReadOnlyList<string> FormerNames, bool Deleted)
{
    public static CatalogueTag Create(TagCreated e) => new(e.TagId, e.Name, e.Colour, [], false);

    public CatalogueTag Apply(TagRenamed e) =>
        this with { Name = e.Name, FormerNames = [.. FormerNames.Where(n => n != e.Name).Append(e.PreviousName).Distinct()] };

    public CatalogueTag Apply(TagRecoloured e) => this with { Colour = e.Colour };

    public CatalogueTag Apply(TagDeleted _) => this with { Deleted = true };

    public CatalogueTag Apply(TagRestored _) => this with { Deleted = false };
}
