namespace Chat.Api.Identity.TwoFactor;

public static class TwoFactorEndpoints
{
    public static RouteGroupBuilder MapTwoFactor(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login/2fa", SecondStep.CompleteAsync).AllowAnonymous().WithTags("Auth");
        var own = api.MapGroup("/auth/2fa").RequireAuthorization(Policies.Staff).WithTags("Auth");
        own.MapPost("/enrol", Enrolment.EnrolAsync);
        own.MapPost("/confirm", Enrolment.ConfirmAsync);
        own.MapPost("/recovery-codes", OwnTwoFactor.RegenerateAsync);
        own.MapPost("/disable", OwnTwoFactor.DisableAsync);
        return api;
    }

    public static IServiceCollection AddTwoFactor(this IServiceCollection services) =>
        services.AddSingleton<SecretProtector>().AddSingleton<Proof>();
}
