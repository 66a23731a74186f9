namespace Coworker.Cli;

/// <summary>Process exit codes every command uses, so scripts and compose can tell usage errors from failures.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and failed (database unreachable, a script refused, ...).</summary>
    public const int Failure = 1;

    /// <summary>The command could not start: a required setting is missing or malformed.</summary>
    public const int Usage = 2;
}
