namespace Coworker.Common;

/// <summary>
/// A failure that is the caller's to fix (bad input, unknown id, invalid transition). It crosses the
/// grain boundary intact, and its message is safe to show: it never contains secrets.
/// </summary>
[GenerateSerializer, Alias("Coworker.CoworkerException")]
public sealed class CoworkerException : Exception
{
    public CoworkerException(ErrorKind kind, string message) : base(message) => Kind = kind;

    [Id(0)]
    public ErrorKind Kind { get; }

    public static CoworkerException Validation(string message) => new(ErrorKind.Validation, message);
    public static CoworkerException NotFound(string what, string id) => new(ErrorKind.NotFound, $"{what} '{id}' was not found.");
    public static CoworkerException Conflict(string message) => new(ErrorKind.Conflict, message);
    public static CoworkerException Forbidden(string message) => new(ErrorKind.Forbidden, message);
}
