using Chat.Tests.RealTime;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Browser;

/// <summary>
/// What a real browser lets another site's page do with Chat: the plumbing the widget stands on. Each page writes what
/// it got into its #result, which the test reads with Playwright's waiting assertions.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossOriginBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_page_of_an_allowed_site_reads_the_widget_settings_from_chat()
    {
        var workspace = await browser.NewWorkspaceAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(browser.Site.AddPage("/shop.html", SettingsPage(workspace.WidgetKey)));

        await Expect(page.Locator("#result")).ToHaveTextAsync($"{workspace.Name}: an agent is available");
        new Uri(page.Url).GetLeftPart(UriPartial.Authority).ShouldBe(browser.Site.Origin);
        var files = await Screenshots.SaveAsync(page, "browser-cross-origin-settings");
        files.ShouldAllBe(file => new FileInfo(file).Length > 0);
    }

    [Fact]
    public async Task A_page_of_a_site_the_workspace_does_not_allow_is_refused_and_reads_only_the_reason()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(browser.StrangerSite.AddPage("/stranger.html", SettingsPage(workspace.WidgetKey)));

        await Expect(page.Locator("#result"))
            .ToHaveTextAsync($"refused: 403 The workspace does not allow its widget on {browser.StrangerSite.Origin}.");
    }

    [Fact]
    public async Task A_page_of_an_allowed_site_starts_a_session_and_opens_the_visitor_hub_over_a_websocket()
    {
        var workspace = await browser.NewWorkspaceAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var sockets = new List<IWebSocket>();
        page.WebSocket += (_, socket) => sockets.Add(socket);

        await page.GotoAsync(browser.Site.AddPage("/chat.html", VisitorHubPage(workspace.WidgetKey)));

        await Expect(page.Locator("#result")).ToHaveTextAsync("connected over WebSockets");
        sockets.ShouldHaveSingleItem().Url.ShouldStartWith($"{browser.ChatUrl.Replace("http://", "ws://")}/hubs/visitor?id=");
    }

    [Fact]
    public async Task A_visitor_token_carried_to_a_site_the_workspace_does_not_allow_opens_no_visitor_hub()
    {
        var workspace = await browser.NewWorkspaceAsync(agentOnline: false);
        var session = await browser.Chat.NewVisitorAsync(workspace.Workspace);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var blocked = await BlockedRequests.WatchAsync(context, page);

        await page.GotoAsync(browser.StrangerSite.AddPage("/stolen.html", StolenTokenPage(session.VisitorToken)));

        (await blocked.WaitForAsync("/hubs/visitor/negotiate")).Status.ShouldBe(403);
        await Expect(page.Locator("#result")).ToHaveTextAsync("negotiate refused; websocket refused");
    }

    private string SettingsPage(string widgetKey) => Page("A shop that embeds Chat", $$"""
        fetch(chat + '/api/widget/settings?widgetKey={{widgetKey}}')
          .then(answer => answer.json().then(body => answer.ok
            ? show(body.workspaceName + (body.agentAvailable ? ': an agent is available' : ': nobody is available'))
            : show('refused: ' + body.status + ' ' + body.detail)))
          .catch(error => show('failed: ' + error.name));
        """);

    // The SignalR protocol by hand (negotiate, then the JSON handshake over the socket): no client library on the page.
    private string VisitorHubPage(string widgetKey) => Page("A shop with a chat", $$"""
        (async () => {
          const started = await fetch(chat + '/api/widget/sessions', {
            method: 'POST', headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ widgetKey: '{{widgetKey}}', name: 'Browser visitor' }) });
          if (!started.ok) throw new Error('session ' + started.status);
          const token = encodeURIComponent((await started.json()).visitorToken);
          const negotiated = await fetch(chat + '/hubs/visitor/negotiate?negotiateVersion=1&access_token=' + token, { method: 'POST' });
          if (!negotiated.ok) throw new Error('negotiate ' + negotiated.status);
          const { connectionToken, availableTransports } = await negotiated.json();
          if (!availableTransports.some(t => t.transport === 'WebSockets')) throw new Error('no WebSockets offered');
          const socket = new WebSocket(chat.replace('http', 'ws') + '/hubs/visitor?id=' + connectionToken + '&access_token=' + token);
          await new Promise((opened, failed) => { socket.onopen = opened; socket.onerror = () => failed(new Error('websocket')); });
          const handshake = new Promise(answered => socket.onmessage = message => answered(message.data));
          socket.send(JSON.stringify({ protocol: 'json', version: 1 }) + '\u001e');
          const answer = JSON.parse((await handshake).split('\u001e')[0]);
          show(answer.error ? 'handshake refused: ' + answer.error : 'connected over WebSockets');
        })().catch(error => show('failed: ' + error.message));
        """);

    private string StolenTokenPage(string visitorToken) => Page("Somebody else's site", $$"""
        const token = encodeURIComponent('{{visitorToken}}');
        const negotiate = fetch(chat + '/hubs/visitor/negotiate?negotiateVersion=1&access_token=' + token, { method: 'POST' })
          .then(() => 'negotiate answered', () => 'negotiate refused');
        const socket = new Promise(settled => {
          const ws = new WebSocket(chat.replace('http', 'ws') + '/hubs/visitor?access_token=' + token);
          ws.onopen = () => settled('websocket opened');
          ws.onerror = () => settled('websocket refused');
        });
        Promise.all([negotiate, socket]).then(outcomes => show(outcomes.join('; ')));
        """);

    /// <summary>A page of the host site whose script talks to Chat (<c>chat</c>) and writes its outcome with <c>show</c>.</summary>
    private string Page(string title, string script) => $$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{{title}}</title>
        <style>body { font: 18px/1.5 "Liberation Sans", sans-serif; margin: 3rem; } output { font-weight: bold; }</style></head>
        <body>
        <h1>{{title}}</h1>
        <p>Chat answered: <output id="result">waiting…</output></p>
        <script>
        const chat = '{{browser.ChatUrl}}';
        const show = text => document.getElementById('result').textContent = text;
        {{script}}
        </script>
        </body>
        </html>
        """;
}
