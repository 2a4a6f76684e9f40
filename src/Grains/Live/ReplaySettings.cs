namespace Aegis.Grains.Live;

/// <summary>Settings of the replayed sample market (section <c>Aegis:Replay</c>).</summary>
public sealed class ReplaySettings
{
    public const string Section = "Aegis:Replay";

    /// <summary>Whether live silos keep the replay running.</summary>
    public bool Enabled { get; set; }

    /// <summary>1 = real time, N = N times faster, 0 = as fast as the cluster takes it.</summary>
    public double Speed { get; set; } = 20;

    /// <summary>Folder where the sample day is generated on first use.</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>Seed of the generated day.</summary>
    public int Seed { get; set; } = Connectors.Replay.MarketDayFile.DefaultSeed;
}
