using Aegis.Benchmarks.Infrastructure;
using Aegis.Domain.Quotes;
using BenchmarkDotNet.Attributes;

namespace Aegis.Benchmarks.Domain;

/// <summary>Per-quote validation of a 100-quote batch against copying the batch (the memcpy baseline).</summary>
[Config(typeof(MicroConfig))]
public class QuoteBenchmarks
{
    private readonly Quote[] _quotes = new Live.SyntheticFeed("B0000", new Random(1)).Next(100);
    private readonly Quote[] _copy = new Quote[100];

    [Benchmark(Baseline = true)]
    public void CopyBatch() => _quotes.AsSpan().CopyTo(_copy);

    [Benchmark]
    public int ValidateBatch()
    {
        var valid = 0;
        foreach (ref readonly var quote in _quotes.AsSpan())
        {
            valid += QuoteValidator.Validate(quote) == QuoteRejectReason.None ? 1 : 0;
        }

        return valid;
    }
}
