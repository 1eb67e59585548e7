using System.Text.Json;
using Chat.Api.Infrastructure;
using Chat.Domain;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Api.RealTime;

/// <summary>The problem details a hub call answers with when refused: the same codes as over HTTP.</summary>
public sealed record HubProblemDetails(int Status, string Title, string Detail);

public static class HubProblem
{
    public static HubException From(Rejection rejection) =>
        Of(Problems.StatusOf(rejection.Kind), rejection.Title, rejection.Detail);

    public static HubException Of(int status, string title, string detail) =>
        new(JsonSerializer.Serialize(new HubProblemDetails(status, title, detail), JsonSerializerOptions.Web));

    public static T ValueOrThrow<T>(this Conversations.CommandOutcome<T> outcome) where T : class =>
        outcome.Rejection is { } rejection ? throw From(rejection) : outcome.Value!;
}
