namespace Coworker.Execution;

/// <summary>
/// The credential exists but may not go where the request is going: an Owner has not approved the target host for
/// it. Nothing was sent; the message names the credential and the host, never a value.
/// </summary>
public sealed class CredentialNotApprovedException(string message) : Exception(message);
