namespace Chat.Domain;

public enum AuthorKind { Visitor, Agent, System }

/// <summary>Who did something: a visitor, an agent, or the system itself.</summary>
public sealed record Actor(AuthorKind Kind, string Id)
{
    public static Actor Visitor(string visitorId) => new(AuthorKind.Visitor, visitorId);
    public static Actor Agent(Guid agentId) => new(AuthorKind.Agent, agentId.ToString());
    public static Actor System { get; } = new(AuthorKind.System, "system");

    public bool IsAgent => Kind == AuthorKind.Agent;
}
