using System.Security.Cryptography;
using System.Text;

namespace Aegis.Persistence.Migrations;

/// <summary>One schema migration: a numbered SQL script applied exactly once, in one transaction.</summary>
/// <param name="Version">Number taken from the file name prefix (<c>0003_…sql</c> → 3).</param>
/// <param name="Name">File name without the extension.</param>
/// <param name="Sql">Script text.</param>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script, so an edited, already-applied migration is caught.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
}
