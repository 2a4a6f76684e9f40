namespace Aegis.Domain.Scenarios;

/// <summary>A parsed spec, or every error found, each naming its field (<c>limits.maxNotional: must be &gt; 0</c>).</summary>
public sealed record ScenarioSpecReadResult(ScenarioSpec? Spec, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Spec is not null;
}
