using System.Security.Cryptography;

namespace Coworker.Crypto;

/// <summary>
/// An envelope could not be opened: malformed, tampered with, or sealed for another tenant, record or key.
/// The message says which of those it can tell, never anything about the content.
/// </summary>
public sealed class EnvelopeException(string message, Exception? inner = null) : CryptographicException(message, inner);
