using Chat.Domain;

namespace Chat.Api.Infrastructure;

/// <summary>RFC 9457 answers for refused requests.</summary>
public static class Problems
{
    public static IResult From(Rejection rejection) =>
        Of(StatusOf(rejection.Kind), rejection.Title, rejection.Detail);

    public static IResult Of(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    public static IResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Invalid(string detail) => Of(StatusCodes.Status400BadRequest, "Invalid request", detail);

    public static IResult Forbidden(string detail) => Of(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static IResult Unauthorized(string detail) => Of(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    public static int StatusOf(RejectionKind kind) => kind switch
    {
        RejectionKind.Invalid => StatusCodes.Status400BadRequest,
        RejectionKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RejectionKind.NotFound => StatusCodes.Status404NotFound,
        RejectionKind.Forbidden => StatusCodes.Status403Forbidden,
        RejectionKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
