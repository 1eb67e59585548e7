using Chat.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Widget;

/// <summary>A visitor's hub connection through the test server (long polling), as the widget makes it.</summary>
public static class VisitorHubClient
{
    public static HubConnection For(ChatApp app, TestVisitor visitor) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Host.Server.BaseAddress, "/hubs/visitor"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => app.Host.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(visitor.Token);
            })
            .Build();
}
