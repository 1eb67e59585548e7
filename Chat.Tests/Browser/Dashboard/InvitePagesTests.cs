using System.Text.RegularExpressions;
using Chat.Api.Identity;
using Chat.Api.Mail;
using Chat.Tests.RealTime;
using Chat.Tests.Support;
using Marten;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser.Dashboard;

/// <summary>
/// Invites from the agents page, and the page the mailed link opens: the invited person chooses a name and a password
/// and lands signed in; a revoked invite's link is refused in plain words.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class InvitePagesTests(BrowserFixture browser)
{
    private const string Password = "a passphrase of the new colleague";

    private static ILocator InviteForm(DashboardPage dashboard) => dashboard.Page.GetByRole(AriaRole.Region, new() { Name = "Invite" });

    private static ILocator InviteRow(DashboardPage dashboard, string email) =>
        dashboard.Page.Locator("tr[data-invite]").Filter(new() { Has = dashboard.Page.GetByRole(AriaRole.Cell, new() { Name = email, Exact = true }) });

    private static async Task InviteAsync(DashboardPage dashboard, string email, string role)
    {
        var form = InviteForm(dashboard);
        await form.GetByLabel("Email").FillAsync(email);
        await form.GetByLabel("Role").SelectOptionAsync(role);
        await dashboard.ClickAsync("Send invitation");
        await Expect(form.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation sent to {email}.");
    }

    [Fact]
    public async Task An_admin_invites_by_email_and_the_invited_person_follows_the_mailed_link_chooses_a_name_and_password_and_lands_signed_in()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var admin = await DashboardPage.SignInAsync(browser, context, workspace.Admin, "/app/agents");
        var email = $"nora@{workspace.Id}.test";

        await Expect(InviteForm(admin).GetByLabel("Role").Locator("option")).ToHaveTextAsync(["Agent", "Supervisor", "Admin", "Auditor"]);
        await InviteAsync(admin, email, "Supervisor");
        var invite = InviteRow(admin, email);
        await Expect(invite.Locator(".invite-status")).ToHaveTextAsync("Pending");
        await Expect(invite.GetByRole(AriaRole.Button, new() { Name = "Revoke" })).ToBeVisibleAsync();
        await Expect(InviteForm(admin).GetByLabel("Email")).ToHaveValueAsync("");
        await Screenshots.SaveAsync(admin.Page, "dashboard-invites");

        await using var inviteeContext = await browser.NewContextAsync();
        var page = await inviteeContext.NewPageAsync();
        await page.GotoAsync(await MailedLinkAsync(email));
        var acceptance = page.GetByRole(AriaRole.Form, new() { Name = "Accept the invitation" });
        await Expect(acceptance.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Join {workspace.Name}");
        await Expect(acceptance.Locator(".invited-email")).ToHaveTextAsync(email);
        await Expect(acceptance.Locator(".invited-role")).ToHaveTextAsync("Supervisor");
        // Read once, the token leaves the address bar.
        await Expect(page).ToHaveURLAsync(browser.ChatUrl + "/app/invite");

        await acceptance.GetByLabel("Your name").FillAsync("Nora");
        await acceptance.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await acceptance.GetByLabel("Password again").FillAsync("not the same passphrase");
        await acceptance.GetByRole(AriaRole.Button, new() { Name = "Join and sign in" }).ClickAsync();
        await Expect(acceptance.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The two passwords differ.");
        await acceptance.GetByLabel("Password again").FillAsync(Password);
        await Screenshots.SaveAsync(page, "dashboard-invite-acceptance");
        await acceptance.GetByRole(AriaRole.Button, new() { Name = "Join and sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/app/inbox/mine$"));
        await Expect(page.Locator(".who")).ToHaveTextAsync("Nora · Supervisor");
        // A session of their own, restored from its cookie on a reload.
        await page.ReloadAsync();
        await Expect(page.Locator(".who")).ToHaveTextAsync("Nora · Supervisor");
        await admin.Page.ReloadAsync();
        await Expect(invite.Locator(".invite-status")).ToHaveTextAsync("Accepted");
        await Expect(invite.GetByRole(AriaRole.Button, new() { Name = "Revoke" })).ToHaveCountAsync(0);
        await Expect(admin.Page.Locator("tr[data-agent]").Filter(new() { HasText = email })).ToContainTextAsync("Nora");
    }

    [Fact]
    public async Task A_supervisor_invites_anyone_but_an_admin_and_a_revoked_invite_s_link_is_refused_in_plain_words()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        var supervisor = await WorkspaceSeed.AddAgentAsync(browser.Store, LiveCluster.Tokens, workspace.Workspace, "sue", Roles.Supervisor);
        await using var context = await browser.NewContextAsync();
        var dashboard = await DashboardPage.SignInAsync(browser, context, supervisor, "/app/agents");
        dashboard.Page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        var email = $"omar@{workspace.Id}.test";

        await Expect(InviteForm(dashboard).GetByLabel("Role").Locator("option")).ToHaveTextAsync(["Agent", "Supervisor", "Auditor"]);
        await InviteForm(dashboard).GetByLabel("Email").FillAsync("omar at example");
        await dashboard.ClickAsync("Send invitation");
        await Expect(InviteForm(dashboard).GetByRole(AriaRole.Alert)).ToHaveTextAsync("Enter a valid email address.");
        await InviteAsync(dashboard, email, "Agent");
        var invite = InviteRow(dashboard, email);
        await invite.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(invite.Locator(".invite-status")).ToHaveTextAsync("Revoked");
        await Expect(invite.GetByRole(AriaRole.Button, new() { Name = "Revoke" })).ToHaveCountAsync(0);

        await using var inviteeContext = await browser.NewContextAsync();
        var page = await inviteeContext.NewPageAsync();
        await page.GotoAsync(await MailedLinkAsync(email));

        await Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("This invitation cannot be used");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This invitation is unknown, used, revoked or expired.");
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Accept the invitation" })).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(browser.ChatUrl + "/app/invite");
        await Screenshots.SaveAsync(page, "dashboard-invite-refused");
        // Reloaded without its token, the page asks for the mailed link instead of guessing.
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This address holds no invitation. Open the link in your invitation mail again.");
        await using (var session = browser.Store.QuerySession())
            (await session.Query<AgentAccount>().AnyAsync(a => a.Email == email)).ShouldBeFalse();
    }

    /// <summary>The link in the one mail the development mailbox holds for this address.</summary>
    private async Task<string> MailedLinkAsync(string email)
    {
        await using var session = browser.Store.QuerySession();
        var mail = (await session.Query<MailboxMessage>().Where(m => m.To == email).ToListAsync()).ShouldHaveSingleItem();
        var link = InviteLink().Match(mail.Body);
        link.Success.ShouldBeTrue(mail.Body);
        return link.Value;
    }

    [GeneratedRegex(@"\S+/app/invite#[A-Za-z0-9_-]+")]
    private static partial Regex InviteLink();
}
