namespace Aegis.Persistence.Embedded;

/// <summary>What a provisioned cluster remembers about itself (<c>instance.json</c>); the password is kept in a separate 0600 file.</summary>
internal sealed record LocalPostgresInstance(int Port, string UserName);
