using Chat.Api.Infrastructure;
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;
using StreamCollision = Marten.Exceptions.ExistingStreamIdCollisionException;

namespace Chat.Api.Conversations;

/// <summary>
/// How a conversation command meets a lost race: writers of one conversation wait for its lock, so a version clash
/// or a unique violation (a resend stored twice, a conversation started twice) means another writer got in first.
/// Wolverine runs the whole handler again on fresh state, where a resend finds its stored message; if clashes persist
/// the exception reaches the caller as a 409. An outage is not waited out here: the caller hears 503 at once.
/// </summary>
public sealed class ConversationCommandPolicy : IHandlerPolicy
{
    private static readonly TimeSpan[] Pauses = [.. new[] { 5, 10, 20, 40, 80, 160 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, JasperFx.IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => typeof(IConversationCommand).IsAssignableFrom(c.MessageType)))
        {
            chain.OnException(e => e is ConcurrencyException or StreamCollision || StoreFaults.Classify(e) == StoreFault.UniqueViolation)
                .RetryWithCooldown(Pauses);
            chain.OnException(StoreFaults.IsTransient).MoveToErrorQueue();
        }
    }
}
