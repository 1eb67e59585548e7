using System.Reflection;
using Chat.Domain;

namespace Chat.Api.Infrastructure;

/// <summary>
/// Route and query values obey the same rules as JSON input, checked once for every endpoint: text is
/// storable and of a sane length, and an enum is given by one of its names (minimal APIs bind enums
/// with Enum.TryParse, which takes "99" or "Open, Closed" as well).
/// </summary>
public static class UrlValueFilter
{
    /// <summary>Longer than any id, tag, cursor or filter the API takes; a real server refuses a longer URL anyway.</summary>
    public const int MaxLength = 1000;

    public static TBuilder RequireValidUrlValues<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var checks = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (parameter, index))
                .Where(p => p.parameter.ParameterType == typeof(string) || EnumOf(p.parameter) is not null)
                .ToList();
            if (checks.Count == 0) return next;
            return async invocation =>
            {
                foreach (var (parameter, index) in checks)
                    if (Problem(parameter, invocation.Arguments[index], invocation.HttpContext) is { } problem)
                        return Problems.Invalid(problem);
                return await next(invocation);
            };
        });

    private static string? Problem(ParameterInfo parameter, object? value, HttpContext context)
    {
        var name = parameter.Name!;
        if (EnumOf(parameter) is { } type)
        {
            var raw = context.Request.RouteValues.TryGetValue(name, out var routed) ? routed?.ToString()
                : context.Request.Query.TryGetValue(name, out var queried) ? queried.ToString()
                : null;
            return raw is null || Enum.GetNames(type).Contains(raw, StringComparer.OrdinalIgnoreCase)
                ? null
                : $"'{name}' is one of {string.Join(", ", Enum.GetNames(type))}.";
        }
        return value is string text ? TextProblem(name, text) : null;
    }

    /// <summary>Why a text from the URL is refused, or null.</summary>
    public static string? TextProblem(string name, string text) => text switch
    {
        _ when !Text.IsStorable(text) => $"'{name}' {Text.UnstorableReason}.",
        { Length: > MaxLength } => $"'{name}' has at most {MaxLength} characters.",
        _ => null,
    };

    private static Type? EnumOf(ParameterInfo parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type.IsEnum ? type : null;
    }
}
