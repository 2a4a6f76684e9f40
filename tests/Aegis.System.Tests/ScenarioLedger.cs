using Aegis.Domain.Scenarios;
using Aegis.Grains.Interfaces.Live;
using Aegis.Testing;
using Npgsql;

namespace Aegis.SystemTests;

/// <summary>Checks a scenario's books against the fills recorded in PostgreSQL: positions equal the
/// sum of fills, cash equals the starting cash less fill notionals and commissions, and the engine
/// knows exactly as many fills as the database holds (none lost, none twice).</summary>
public static class ScenarioLedger
{
    public static IReadOnlyDictionary<string, decimal> DemoStartingCash { get; } =
        Directory.GetFiles(Path.Combine(SiloProcess.RepositoryRoot, "deploy", "scenarios"), "*.yaml")
            .Select(f => ScenarioSpecReader.Read(File.ReadAllText(f)).Spec!)
            .ToDictionary(s => s.Id, s => s.StartingCash);

    public static async Task AssertConsistentAsync(string connectionString, ScenarioDetails details, decimal startingCash)
    {
        var id = details.Summary.Id;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var quantities = new Dictionary<string, long>();
        decimal notional = 0, commissions = 0;
        long fills = 0;
        await using (var command = dataSource.CreateCommand(
            "SELECT instrument_id, side, quantity, price, commission, multiplier FROM scenario_fills WHERE scenario_id = $1"))
        {
            command.Parameters.Add(new() { Value = id });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var signed = reader.GetString(1) == "Buy" ? reader.GetInt64(2) : -reader.GetInt64(2);
                quantities[reader.GetString(0)] = quantities.GetValueOrDefault(reader.GetString(0)) + signed;
                notional += signed * reader.GetDecimal(3) * reader.GetDecimal(5);
                commissions += reader.GetDecimal(4);
                fills++;
            }
        }

        Assert.Equal(fills, details.Summary.Fills);
        Assert.Equal(commissions, details.Summary.Commissions);
        Assert.Equal(startingCash - notional - commissions, details.Summary.Cash);
        var expectedPositions = quantities.Where(q => q.Value != 0).OrderBy(q => q.Key).ToArray();
        var actualPositions = details.Positions.Where(p => p.Quantity != 0).OrderBy(p => p.InstrumentId).Select(p => KeyValuePair.Create(p.InstrumentId, p.Quantity)).ToArray();
        Assert.Equal(expectedPositions, actualPositions);

        // The journal is gap-free: decisions 1..N, each written exactly once.
        await using var journal = dataSource.CreateCommand(
            "SELECT count(*), coalesce(max(decision_sequence), 0) FROM decision_journal WHERE scenario_id = $1");
        journal.Parameters.Add(new() { Value = id });
        await using var rows = await journal.ExecuteReaderAsync();
        await rows.ReadAsync();
        Assert.Equal(rows.GetInt64(1), rows.GetInt64(0));
    }
}
