namespace Coworker.Common;

/// <summary>The kinds of failure a caller can act on; the Gateway maps each to one HTTP status.</summary>
[GenerateSerializer, Alias("Coworker.ErrorKind")]
public enum ErrorKind
{
    Validation = 0,
    NotFound = 1,
    Conflict = 2,
    InvalidTransition = 3,
    Forbidden = 4,
    Unauthenticated = 5,
    Disabled = 6,
}
