using Aegis.Domain.Quotes;

namespace Aegis.Domain.Replay;

/// <summary>Where a replay finds the quotes a logged input names (the tape, a dataset, in-memory columns).</summary>
public interface IInputQuotes
{
    /// <summary>The quotes of a <see cref="InputKind.Quotes"/> input, in sequence order, each once.</summary>
    /// <exception cref="InputLogException">The store does not hold exactly the quotes the input recorded.</exception>
    ReadOnlySpan<Quote> GetQuotes(ScenarioInput input);
}
