namespace Aegis.Grains;

/// <summary>Grain storage provider names and the system-wide unique state names. ADO.NET storage
/// keys a row by ServiceId + grain id + state name (not by grain type), so no two grain classes may
/// share a state name.</summary>
public static class StorageNames
{
    /// <summary>The PostgreSQL grain storage provider.</summary>
    public const string Postgres = "aegis-pg";
}
