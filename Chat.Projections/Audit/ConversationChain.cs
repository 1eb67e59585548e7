using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Domain;
using JasperFx.Events;
using Marten.Events.Projections;

namespace Chat.Projections.Audit;

/// <summary>One event's place in its conversation's hash chain.</summary>
public sealed record ChainLink(long Sequence, Guid EventId, string Hash);

/// <summary>
/// The hash chain of a conversation across its conversation and thread streams, in the order the events
/// were stored: each link hashes the previous link's hash with the event's own content.
/// </summary>
public sealed record ConversationChain
{
    public Guid Id { get; init; }
    public IReadOnlyList<ChainLink> Links { get; init; } = [];
}

public sealed partial class ConversationChainProjection : MultiStreamProjection<ConversationChain, Guid>
{
    public const string Genesis = "genesis";

    public ConversationChainProjection()
    {
        Identity<IConversationEvent>(e => e.ConversationId);
    }

    public override ConversationChain? Evolve(ConversationChain? chain, Guid id, IEvent e)
    {
        var current = chain ?? new ConversationChain { Id = id };
        var previous = current.Links.Count == 0 ? Genesis : current.Links[^1].Hash;
        return current with { Links = [.. current.Links, new ChainLink(e.Sequence, e.Id, HashOf(previous, e))] };
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
