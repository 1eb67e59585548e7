using System.Net;
using System.Security.Cryptography;
using Chat.Api.Infrastructure;
using Chat.Api.Webhooks;
using Chat.Contracts;
using Chat.Tests.Support;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Integration;

/// <summary>Webhook targets in the IANA special-purpose registries are refused, and secrets must be able to sign.</summary>
[Collection(ChatAppCollection.Name)]
public sealed class ReservedAddressTests(ChatApp app)
{
    /// <summary>One address inside each row of the table, and the row that must refuse it.</summary>
    public static readonly TheoryData<string, string> OneAddressPerRow = new()
    {
        { "0.1.2.3", "0.0.0.0/8" },
        { "10.20.30.40", "10.0.0.0/8" },
        { "100.100.0.1", "100.64.0.0/10" },
        { "127.0.0.1", "127.0.0.0/8" },
        { "169.254.169.254", "169.254.0.0/16" },
        { "172.31.255.254", "172.16.0.0/12" },
        { "192.0.0.170", "192.0.0.0/24" },
        { "192.0.2.1", "192.0.2.0/24" },
        { "192.31.196.1", "192.31.196.0/24" },
        { "192.52.193.1", "192.52.193.0/24" },
        { "192.88.99.1", "192.88.99.0/24" },
        { "192.168.1.10", "192.168.0.0/16" },
        { "192.175.48.6", "192.175.48.0/24" },
        { "198.19.255.1", "198.18.0.0/15" },
        { "198.51.100.7", "198.51.100.0/24" },
        { "203.0.113.9", "203.0.113.0/24" },
        { "239.255.255.250", "224.0.0.0/4" },
        { "240.0.0.1", "240.0.0.0/4" },
        { "255.255.255.255", "255.255.255.255/32" },
        { "[::]", "::/128" },
        { "[::1]", "::1/128" },
        { "[::8.8.8.8]", "::/96" },
        { "[::ffff:8.8.8.8]", "::ffff:0:0/96" },
        { "[64:ff9b::808:808]", "64:ff9b::/96" },
        { "[64:ff9b:1:808:8:800::]", "64:ff9b:1::/48" },
        { "[100::1]", "100::/64" },
        { "[100:0:0:1::1]", "100:0:0:1::/64" },
        { "[2001:0:4136:e378:8000:63bf:f7f7:f7f7]", "2001::/32" },
        { "[2001:2::1]", "2001::/23" },
        { "[2001:db8::1]", "2001:db8::/32" },
        { "[2002:808:808::1]", "2002::/16" },
        { "[2620:4f:8000::1]", "2620:4f:8000::/48" },
        { "[3fff:123::1]", "3fff::/20" },
        { "[5f00:1::1]", "5f00::/16" },
        { "[fd12:3456::1]", "fc00::/7" },
        { "[fe80::1]", "fe80::/10" },
        { "[fec0::1]", "fec0::/10" },
        { "[ff02::1]", "ff00::/8" },
    };

    [Theory]
    [MemberData(nameof(OneAddressPerRow))]
    public async Task A_target_in_a_reserved_range_is_refused_naming_the_range(string host, string range)
    {
        var workspace = await app.NewWorkspaceAsync();

        var problem = await app.Api().RefusedAsync(HttpMethod.Post, "/api/webhooks", new { url = $"http://{host}/hook", eventTypes = new[] { "*" } },
            workspace.Admin.Token, 400);

        problem.Detail.ShouldNotBeNull().ShouldContain($"({range})");
        (await app.Api().GetAsync<List<WebhookSubscription>>("/api/webhooks", workspace.Admin.Token)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_row_of_the_table_has_its_case()
    {
        var tested = OneAddressPerRow.Select(row => (string)row[1]).ToHashSet();
        ReservedAddresses.Table.Select(r => r.Network.ToString()).ShouldBe(tested, ignoreOrder: true);
        foreach (var (host, range) in OneAddressPerRow.Select(row => ((string)row[0], (string)row[1])))
            ReservedAddresses.Refusal(IPAddress.Parse(host.Trim('[', ']')))!.Range.Network.ToString().ShouldBe(range, host);
    }

    [Theory]
    [InlineData("[64:ff9b::7f00:1]", "127.0.0.1")]
    [InlineData("[64:ff9b::a00:5]", "10.0.0.5")]
    [InlineData("[64:ff9b:1:7f00:0:100::]", "127.0.0.1")]
    [InlineData("[2002:7f00:1::]", "127.0.0.1")]
    [InlineData("[2002:a9fe:a9fe::1]", "169.254.169.254")]
    [InlineData("[::ffff:127.0.0.1]", "127.0.0.1")]
    [InlineData("[::127.0.0.1]", "127.0.0.1")]
    [InlineData("[2001:0:4136:e378:8000:63bf:80ff:fffe]", "127.0.0.1")]
    public async Task An_IPv6_form_carrying_a_reserved_IPv4_address_is_refused_naming_it(string host, string carried)
    {
        var workspace = await app.NewWorkspaceAsync();

        var problem = await app.Api().RefusedAsync(HttpMethod.Post, "/api/webhooks", new { url = $"http://{host}/", eventTypes = new[] { "*" } },
            workspace.Admin.Token, 400);

        var refusal = ReservedAddresses.Refusal(IPAddress.Parse(host.Trim('[', ']')))!;
        refusal.EmbeddedIPv4.ShouldBe(IPAddress.Parse(carried));
        refusal.EmbeddedRange.ShouldNotBeNull();
        problem.Detail.ShouldNotBeNull().ShouldContain($"carrying {carried}: {refusal.EmbeddedRange}");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[64:ff9b::7f00:1]")]
    [InlineData("[2002:7f00:1::]")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task A_delivery_never_connects_to_a_reserved_address_after_resolution(string host)
    {
        var targets = new WebhookTargets(Options.Create(new ChatOptions()));
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = targets.ConnectAsync });

        var refused = await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync($"http://{host}:9/hook"));

        refused.InnerException.ShouldBeOfType<WebhookDeliveryFailed>().Message.ShouldContain("not a public address");
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("100.128.0.1")]
    [InlineData("172.32.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("223.255.255.254")]
    [InlineData("[2606:4700:4700::1111]")]
    [InlineData("[2a00:1450:4001:82b::200e]")]
    [InlineData("[2001:4860:4860::8888]")]
    public async Task A_public_address_is_accepted(string host)
    {
        var workspace = await app.NewWorkspaceAsync();

        await app.Api().PostAsync<WebhookSubscription>("/api/webhooks", new { url = $"https://{host}/hook", eventTypes = new[] { "*" } },
            workspace.Admin.Token, 201);

        ReservedAddresses.Refusal(IPAddress.Parse(host.Trim('[', ']'))).ShouldBeNull();
    }

    [Theory]
    [InlineData("whsec_not base64 at all!")]
    [InlineData("whsec_%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%")]
    [InlineData("whsec_c2hvcnQ=")]
    [InlineData("whsec_")]
    [InlineData("short")]
    public async Task A_secret_that_cannot_sign_is_refused(string secret)
    {
        var workspace = await app.NewWorkspaceAsync();

        await app.Api().RefusedAsync(HttpMethod.Post, "/api/webhooks", new { url = "https://8.8.8.8/hook", eventTypes = new[] { "*" }, secret },
            workspace.Admin.Token, 400);

        (await app.Api().GetAsync<List<WebhookSubscription>>("/api/webhooks", workspace.Admin.Token)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(23, 400)]
    [InlineData(24, 201)]
    [InlineData(64, 201)]
    [InlineData(65, 400)]
    public async Task A_whsec_secret_holds_24_to_64_bytes(int bytes, int expected)
    {
        var workspace = await app.NewWorkspaceAsync();
        var secret = WebhookSignature.SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

        await app.Api().SendAsync(HttpMethod.Post, "/api/webhooks", new { url = "https://8.8.8.8/hook", eventTypes = new[] { "*" }, secret },
            workspace.Admin.Token, expected);

        if (expected == 201) WebhookSignature.Sign(secret, "msg_1", 1, "{}").ShouldStartWith("v1,");
    }
}
