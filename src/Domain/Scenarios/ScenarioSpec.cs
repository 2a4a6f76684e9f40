using Aegis.Domain.Execution;
using Aegis.Domain.Risk;

namespace Aegis.Domain.Scenarios;

/// <summary>What a scenario is: strategy, instruments, limits and venue model. Read by <see cref="ScenarioSpecReader"/>.</summary>
/// <param name="Id">Stable key, <c>[a-z0-9-]+</c>; prefixes every order id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Strategy">Strategy name for <c>StrategyFactory</c>.</param>
/// <param name="Parameters">Strategy parameters as strings.</param>
/// <param name="Instruments">Instrument ids traded; quotes for others are ignored.</param>
/// <param name="Limits">Risk limits.</param>
/// <param name="Venue">Execution venue; only <c>paper</c> today.</param>
/// <param name="StartingCash">Initial cash, account currency.</param>
/// <param name="Commission">Commission schedule.</param>
/// <param name="Slippage">Market-order slippage.</param>
public sealed record ScenarioSpec(
    string Id,
    string Name,
    string Strategy,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> Instruments,
    RiskLimits Limits,
    string Venue,
    decimal StartingCash,
    CommissionSchedule Commission,
    SlippageModel Slippage)
{
    public const string PaperVenue = "paper";

    /// <summary>
    /// Trade pre-market and post-market quotes as well as the regular session (YAML <c>extendedHours</c>,
    /// default false). An init property rather than a positional parameter so existing constructions compile.
    /// </summary>
    public bool ExtendedHours { get; init; }

    /// <summary>True for a non-empty id made of lowercase ASCII letters, digits and '-'.</summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
