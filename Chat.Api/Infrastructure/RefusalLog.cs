namespace Chat.Api.Infrastructure;

/// <summary>
/// Every refused request is logged once, at Information and without a stack trace, whether an endpoint
/// answered it or <see cref="ExceptionProblems"/> did (499, a client that went away, is logged there); a real fault is logged at Error by the exception
/// handler. Only the method, the path and the status are written: never the query (a browser's hub
/// connection carries its token there) nor a body.
/// </summary>
public static class RefusalLog
{
    public static IApplicationBuilder UseRefusalLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RefusalLog));
        return app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode is >= 400 and < 500 and not 499)
                logger.LogInformation("Request {Method} {Path} refused with {Status}", context.Request.Method, context.Request.Path,
                    context.Response.StatusCode);
        });
    }
}
