using Coworker.Common;
using Coworker.ServiceDefaults.Logging;
using Microsoft.AspNetCore.Diagnostics;

namespace Coworker.Gateway;

/// <summary>
/// The one mapping from failures to RFC 7807 problem+json. Messages of <see cref="CoworkerException"/>
/// are written for callers; anything unexpected becomes a generic 500 with a trace id and no details.
/// A refused request (bad input, too large, not found, …) is the caller's mistake, not the Gateway's: it is logged
/// as one warning line with the caller's values escaped, never as an unhandled error with a stack trace.
/// </summary>
public static partial class ProblemResults
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

    /// <summary>
    /// The exception handler's options: <see cref="HandleException"/> answers, and the middleware's own
    /// "unhandled exception" error log (with stack trace and the raw message) is kept for unexpected failures only.
    /// </summary>
    public static ExceptionHandlerOptions HandlerOptions() => new()
    {
        ExceptionHandler = HandleException,
        SuppressDiagnosticsCallback = context => IsCallersFault(context.Exception),
    };

    /// <summary>Failures that are answered 4xx: the request was wrong, the Gateway was not.</summary>
    public static bool IsCallersFault(Exception? exception) =>
        exception is CoworkerException or BadHttpRequestException or System.Text.Json.JsonException;

    /// <summary>Exception handler body: runs for anything an endpoint throws.</summary>
    public static Task HandleException(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (IsCallersFault(error))
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProblemResults).FullName!);
            LogRefused(logger, context.Request.Method, LogValue.Escape(context.Request.Path.Value), error!.GetType().Name,
                LogValue.Escape(error is BadHttpRequestException { InnerException: { } inner } ? $"{error.Message} ({inner.Message})" : error.Message));
        }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path}: {ExceptionType}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string exceptionType, string reason);
}
