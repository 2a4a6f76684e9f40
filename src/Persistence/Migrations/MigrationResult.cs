namespace Aegis.Persistence.Migrations;

/// <summary>What a migration run did.</summary>
/// <param name="Applied">Migrations applied by this run, in order.</param>
/// <param name="CurrentVersion">Schema version after the run.</param>
public sealed record MigrationResult(IReadOnlyList<Migration> Applied, int CurrentVersion);
