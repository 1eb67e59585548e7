namespace Chat.Api.Identity;

public static class Roles
{
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";
    public const string Auditor = "Auditor";
    public const string Visitor = "Visitor";

    public static readonly string[] Staff = [Agent, Supervisor, Admin, Auditor];

    public static bool IsStaffRole(string role) => Staff.Contains(role);
}

/// <summary>Authorization policies, one per kind of caller an endpoint admits.</summary>
public static class Policies
{
    /// <summary>Anyone of the workspace's staff, auditors included: reading.</summary>
    public const string ReadConversations = nameof(ReadConversations);
    /// <summary>Agents, supervisors and admins: acting on conversations.</summary>
    public const string WorkConversations = nameof(WorkConversations);
    /// <summary>Supervisors and admins: assigning to others.</summary>
    public const string Supervise = nameof(Supervise);
    public const string Visitor = nameof(Visitor);
    /// <summary>Admins only: webhooks and other workspace settings.</summary>
    public const string Administer = nameof(Administer);
    /// <summary>Auditors, supervisors and admins: the full history and its verification.</summary>
    public const string Audit = nameof(Audit);
    /// <summary>Any member of staff: their own account.</summary>
    public const string Staff = nameof(Staff);
}

public static class ChatClaims
{
    public const string Workspace = "workspace";
    public const string Role = "role";
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Group = "group";
    public const string Source = "source";
    public const string Verified = "verified";
    /// <summary>The session family an agent's access token was issued for (OpenID Connect's session id claim).</summary>
    public const string Session = "sid";
    /// <summary>The account's <see cref="AgentAccount.SecurityStamp"/> when the access token was issued.</summary>
    public const string Stamp = "stamp";
    /// <summary>"required": the workspace requires a second factor the agent has not enrolled yet (see <c>EnrolmentGate</c>).</summary>
    public const string EnrolTwoFactor = "enrol_2fa";
}
