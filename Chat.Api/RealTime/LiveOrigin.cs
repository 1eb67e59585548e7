using Wolverine;

namespace Chat.Api.RealTime;

/// <summary>
/// Decides whether a message heard on the live exchange was sent by a node of this installation. Nodes stamp
/// every live message with RabbitMQ's <c>user_id</c> property, which the broker refuses unless it equals the
/// user the publishing connection logged in as; the listener copies it into <see cref="Envelope.UserName"/>.
/// Only Chat's own user can therefore produce a message that passes, whatever else a publisher copies.
/// Without RabbitMQ, live messages travel through a local queue and never leave the process.
/// </summary>
public sealed class LiveOrigin(string? chatUser, ILogger<LiveOrigin> logger)
{
    public bool Accepts(Envelope envelope)
    {
        if (chatUser is null || envelope.UserName == chatUser) return true;
        logger.LogWarning("Dropped a {MessageType} message on the live exchange: published by {Publisher}, not by Chat's own broker user",
            envelope.MessageType, envelope.UserName ?? "an unnamed user");
        return false;
    }
}

/// <summary>Wolverine middleware in front of every live push handler: a message from elsewhere is dropped unhandled.</summary>
public static class LiveOriginCheck
{
    public static HandlerContinuation Before(Envelope envelope, LiveOrigin origin) =>
        origin.Accepts(envelope) ? HandlerContinuation.Continue : HandlerContinuation.Stop;
}
