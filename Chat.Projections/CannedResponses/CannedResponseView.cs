using Chat.Domain.CannedResponses;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Chat.Projections.CannedResponses;

/// <summary>A canned response as the dashboard lists it; <c>OwnerId</c> null is a shared one.</summary>
public sealed record CannedResponseView
{
    public Guid Id { get; init; }
    public Guid? OwnerId { get; init; }
    public string Scope => OwnerId is null ? "shared" : "personal";
    public string Shortcut { get; init; } = "";
    public string Title { get; init; } = "";
    public string Text { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public bool Deleted { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public Guid UpdatedBy { get; init; }
}

public sealed partial class CannedResponseProjection : SingleStreamProjection<CannedResponseView, Guid>
{
    /// <summary>Only canned responses' streams concern it, so conversation writes never load one of its rows.</summary>
    public CannedResponseProjection()
    {
        IncludeType<CannedResponseCreated>();
        IncludeType<CannedResponseEdited>();
        IncludeType<CannedResponseDeleted>();
        IncludeType<CannedResponseRestored>();
    }

    public override CannedResponseView? Evolve(CannedResponseView? view, Guid id, IEvent e) => e.Data switch
    {
        CannedResponseCreated c => new CannedResponseView
        {
            Id = c.ResponseId, OwnerId = c.OwnerId, Shortcut = c.Shortcut, Title = c.Title, Text = c.Text, Tags = c.Tags,
            CreatedAt = e.At(), UpdatedAt = e.At(), UpdatedBy = c.CreatedBy,
        },
        CannedResponseEdited x when view is not null => view with
        {
            Shortcut = x.Shortcut, Title = x.Title, Text = x.Text, Tags = x.Tags, UpdatedAt = e.At(), UpdatedBy = x.EditedBy,
        },
        CannedResponseDeleted x when view is not null => view with { Deleted = true, UpdatedAt = e.At(), UpdatedBy = x.DeletedBy },
        CannedResponseRestored x when view is not null => view with { Deleted = false, UpdatedAt = e.At(), UpdatedBy = x.RestoredBy },
        _ => view,
    };
}
