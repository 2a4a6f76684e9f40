namespace Aegis.Domain.Execution;

/// <summary>What the paper venue does with an order on a given quote.</summary>
public enum FillAction
{
    /// <summary>Filled in full at <see cref="FillDecision.Price"/>.</summary>
    Fill = 0,
    /// <summary>Not marketable; keeps working (Day/GTC limit orders).</summary>
    Rest = 1,
    /// <summary>Not marketable and may not rest (IOC); cancelled.</summary>
    Cancel = 2,
}
