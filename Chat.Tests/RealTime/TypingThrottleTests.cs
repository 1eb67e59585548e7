using System.Security.Claims;
using Chat.Api.RealTime;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Tests.RealTime;

public sealed class TypingThrottleTests
{
    private sealed class Caller : HubCallerContext
    {
        public override string ConnectionId => "c-1";
        public override string? UserIdentifier => null;
        public override ClaimsPrincipal? User => null;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override IFeatureCollection Features { get; } = new FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;
        public override void Abort() { }
    }

    [Fact]
    public void One_typing_signal_per_connection_and_interval_passes()
    {
        var caller = new Caller();
        var start = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

        TypingThrottle.Admit(caller, start).ShouldBeTrue();
        TypingThrottle.Admit(caller, start.AddMilliseconds(300)).ShouldBeFalse();
        TypingThrottle.Admit(caller, start + TypingThrottle.Interval).ShouldBeTrue();
        TypingThrottle.Lifetime.ShouldBeGreaterThan(TypingThrottle.Interval, "a signal outlives the interval, so steady typing shows without gaps");
    }
}
