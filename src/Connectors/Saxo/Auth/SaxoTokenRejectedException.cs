namespace Aegis.Connectors.Saxo.Auth;

/// <summary>The token endpoint refused the grant (an expired or revoked refresh token, a used code): only a new login helps.</summary>
public sealed class SaxoTokenRejectedException(string message) : Exception(message);
