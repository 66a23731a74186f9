using Coworker.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace Coworker.Gateway;

/// <summary>
/// The one mapping from failures to RFC 7807 problem+json. Messages of <see cref="CoworkerException"/>
/// are written for callers; anything unexpected becomes a generic 500 with a trace id and no details.
/// </summary>
public static class ProblemResults
{
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.InvalidTransition => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Disabled => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    public static Task Write(HttpContext context, int status, string detail, string? type = null)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail, Type = type },
        }).AsTask();
    }

    /// <summary>Exception handler body: runs for anything an endpoint throws.</summary>
    public static Task HandleException(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        return error switch
        {
            CoworkerException coworker => Write(context, StatusFor(coworker.Kind), coworker.Message, $"urn:coworker:error:{coworker.Kind}"),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Write(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large."),
            BadHttpRequestException bad => Write(context, bad.StatusCode, BadRequestDetail(bad)),
            System.Text.Json.JsonException => Write(context, StatusCodes.Status400BadRequest, "The request body is not valid JSON."),
            _ => Write(context, StatusCodes.Status500InternalServerError, "An unexpected error occurred; it has been logged with the trace id."),
        };
    }

    private static string BadRequestDetail(BadHttpRequestException exception) =>
        exception.InnerException is System.Text.Json.JsonException json
            ? $"The request body is not valid JSON{(json.Path is { Length: > 0 } path ? $" (at {path})" : "")}."
            : "The request is malformed: " + exception.Message;
}
