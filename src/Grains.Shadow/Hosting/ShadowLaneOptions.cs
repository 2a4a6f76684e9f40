namespace Aegis.Grains.Shadow.Hosting;

/// <summary>Settings of the shadow lane (section <c>Aegis:Shadow</c>).</summary>
public sealed class ShadowLaneOptions
{
    public const string Section = "Aegis:Shadow";

    /// <summary>How often a twin that is caught up looks for new live inputs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Live inputs a twin reads (with their quotes) per step.</summary>
    public int InputsPerStep { get; set; } = 2_000;

    /// <summary>How long a twin that is behind keeps stepping in one turn before it answers calls again.</summary>
    public TimeSpan TurnBudget { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often each shadow silo makes sure every live scenario has a twin following it.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A twin further behind its live scenario than this (in exchange time) raises a lag alert, once until it catches up.</summary>
    public TimeSpan LagAlert { get; set; } = TimeSpan.FromMinutes(10);
}
