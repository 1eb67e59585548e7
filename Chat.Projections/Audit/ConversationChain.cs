using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Domain;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Projections;

namespace Chat.Projections.Audit;

/// <summary>One event's place in its conversation's hash chain: written once, with its event, and never again.</summary>
public sealed record ChainLink
{
    [Identity]
    public Guid EventId { get; init; }
    public Guid ConversationId { get; init; }

    /// <summary>1 for the conversation's first event; verification reads the links in this order.</summary>
    public int Position { get; init; }
    public long Sequence { get; init; }
    public string Hash { get; init; } = "";
}

/// <summary>Where a conversation's chain ends: all that appending the next link needs, the same size at any length.</summary>
public sealed record ChainHead
{
    public Guid Id { get; init; }
    public string LastHash { get; init; } = ConversationChainProjection.Genesis;
    public int Length { get; init; }
}

/// <summary>
/// The hash chain of a conversation across its conversation and thread streams, in the order the events
/// were stored: each link hashes the previous link's hash with the event's own content. Each event adds
/// one link row and moves the head, so appending costs the same at the ten-thousandth link as at the tenth.
/// </summary>
public sealed partial class ConversationChainProjection : MultiStreamProjection<ChainHead, Guid>
{
    public const string Genesis = "genesis";

    public ConversationChainProjection()
    {
        Identity<IConversationEvent>(e => e.ConversationId);
        // A rebuild recomputes every link, so it starts without the old ones.
        Options.DeleteViewTypeOnTeardown<ChainLink>();
    }

    public override ValueTask<(ChainHead?, ActionType)> DetermineActionAsync(IQuerySession session, ChainHead? head, Guid id,
        IIdentitySetter<ChainHead, Guid> identitySetter, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        // Inline and during rebuilds Marten hands an aggregation the operations of the transaction it writes in.
        var operations = session as IDocumentOperations
            ?? throw new InvalidOperationException("The hash chain is only appended to while events are stored or rebuilt.");
        var current = head ?? new ChainHead { Id = id };
        foreach (var e in events)
        {
            var hash = HashOf(current.LastHash, e);
            current = current with { LastHash = hash, Length = current.Length + 1 };
            // Stored rather than inserted: a rebuild recomputes the same link, whatever its teardown left.
            operations.Store(new ChainLink { EventId = e.Id, ConversationId = id, Position = current.Length, Sequence = e.Sequence, Hash = hash });
        }
        return ValueTask.FromResult<(ChainHead?, ActionType)>((current, ActionType.Store));
    }

    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The hash of an event given the previous link's hash; verification recomputes it from the stored event.</summary>
    public static string HashOf(string previousHash, IEvent e)
    {
        var content = string.Join('\n', previousHash, e.Id, e.StreamId, e.Version, e.Sequence, e.EventTypeName,
            (e.At() - DateTimeOffset.UnixEpoch).Ticks / 10, JsonSerializer.Serialize(e.Data, e.Data.GetType(), Canonical));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}
