namespace Aegis.Domain.Risk;

/// <summary>Pre-trade and daily limits of one scenario.</summary>
/// <param name="MaxPositionUnits">Largest absolute position per instrument, counting resting orders.</param>
/// <param name="MaxNotional">Largest absolute position value per instrument (units × price × multiplier).</param>
/// <param name="MaxOrdersPerMinute">Accepted orders in any sliding 60 s of quote time.</param>
/// <param name="MaxDailyLoss">Loss (positive number) from the UTC day's starting equity that halts the scenario.</param>
public sealed record RiskLimits(long MaxPositionUnits, decimal MaxNotional, int MaxOrdersPerMinute, decimal MaxDailyLoss);
