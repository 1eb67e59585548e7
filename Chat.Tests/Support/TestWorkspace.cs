using Chat.Api.Identity;

namespace Chat.Tests.Support;

public sealed record TestAgent(AgentAccount Account, string Token)
{
    public const string Password = "correct horse battery staple";
    public Guid Id => Account.Id;
}

/// <summary>A workspace of the tests' own, with its staff and ways to open visitor sessions.</summary>
public sealed class TestWorkspace(ChatApp app, Workspace workspace, IReadOnlyDictionary<string, TestAgent> staff)
{
    /// <summary>The same workspace, reached through another host of the service.</summary>
    public TestWorkspace On(ChatApp other) => new(other, workspace, staff);

    public Workspace Workspace => workspace;
    public string Id => workspace.Id;
    public TestAgent Agent => staff["agent"];
    public TestAgent OtherAgent => staff["agent2"];
    public TestAgent Supervisor => staff["supervisor"];
    public TestAgent Admin => staff["admin"];
    public TestAgent Auditor => staff["auditor"];

    public async Task<TestVisitor> NewVisitorAsync(string? name = "Visitor", string? group = null)
    {
        var session = await app.Api().PostAsync<WidgetSession>("/api/widget/sessions",
            new { widgetKey = workspace.WidgetKey, name, group }, token: null, expect: 200);
        return new TestVisitor(app, session);
    }
}
