using System.Runtime.InteropServices;
using Aegis.Domain.Quotes;
using Aegis.Domain.Time;

namespace Aegis.Connectors.Replay;

/// <summary>
/// Plays a market-day Parquet file into an <see cref="IQuoteSink"/>, paced by exchange time
/// (divided by <see cref="ReplayOptions.Speed"/>) on the injected clock, in batches of the quotes
/// that have come due. Looping, each pass lands on the next US-equities session day.
/// </summary>
public sealed class ReplayConnector
{
    private const long NanosPerTick = 100;

    private readonly ReplayOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a connector; <paramref name="timeProvider"/> is used for pacing and receive times.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting of <paramref name="options"/> is invalid.</exception>
    public ReplayConnector(ReplayOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Replays <paramref name="parquetPath"/> until the day ends (or forever with
    /// <see cref="ReplayOptions.Loop"/>) or <paramref name="cancellationToken"/> fires; cancellation
    /// is a normal stop and returns the counts so far with <see cref="ReplayStats.Cancelled"/> set.
    /// Replayed quotes have source <c>replay</c> and the receive time of their batch.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable market day.</exception>
    public Task<ReplayStats> RunAsync(string parquetPath, IQuoteSink sink, CancellationToken cancellationToken) =>
        RunAsync(parquetPath, sink, completedPasses: null, cancellationToken);

    /// <summary>
    /// Like <see cref="RunAsync(string, IQuoteSink, CancellationToken)"/>, and reports to
    /// <paramref name="completedPasses"/> the number of passes over the day completed each time a pass
    /// ends (after its last batch was published). The number counts from the day's first pass, so a
    /// run resumed with <see cref="ReplayOptions.ResumeFromUnixNs"/> goes on counting where the
    /// earlier run was. Reported inline, on the caller's context.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a readable market day.</exception>
    public async Task<ReplayStats> RunAsync(string parquetPath, IQuoteSink sink, IProgress<int>? completedPasses, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(parquetPath);
        ArgumentNullException.ThrowIfNull(sink);

        var started = _timeProvider.GetTimestamp();
        var speed = _options.Speed;
        var batch = new Quote[_options.MaxBatchSize];
        var count = 0;
        long quotes = 0, batches = 0;
        var loops = 0;
        var cancelled = false;

        // Highest sequence per instrument in the file: pass k adds k × that, so sequences keep
        // increasing across passes exactly as a feed that never restarted would.
        var maxSequences = new Dictionary<string, long>(StringComparer.Ordinal);
        var dayStartUnixNs = long.MinValue;
        var lastExchangeUnixNs = long.MinValue;
        SessionDayPasses? passes = null;

        // Schedule of the current pass on the connector's clock (elapsed since start). Passes follow
        // each other back to back; deriving each start from the tape (not from "now") avoids drift.
        var passStart = TimeSpan.Zero;
        var elapsed = TimeSpan.Zero;
        var resuming = _options.ResumeFromUnixNs != long.MinValue;

        try
        {
            while (true)
            {
                var timeShiftNs = passes?.ShiftUnixNs(loops) ?? 0;
                if (resuming && passes is not null && lastExchangeUnixNs + timeShiftNs < _options.ResumeFromUnixNs)
                {
                    // Every quote of this pass was published before: skip it without reading the file.
                    cancellationToken.ThrowIfCancellationRequested();
                    loops++;
                    continue;
                }

                var quotesThisPass = 0L;
                await foreach (var group in MarketDayFile.ReadAsync(parquetPath, cancellationToken))
                {
                    foreach (var quote in group)
                    {
                        if (dayStartUnixNs == long.MinValue)
                        {
                            dayStartUnixNs = quote.ExchangeTimeUnixNs;
                        }

                        long sequenceOffset;
                        if (loops == 0)
                        {
                            ref var max = ref CollectionsMarshal.GetValueRefOrAddDefault(maxSequences, quote.InstrumentId, out _);
                            max = Math.Max(max, quote.Sequence);
                            lastExchangeUnixNs = Math.Max(lastExchangeUnixNs, quote.ExchangeTimeUnixNs);
                            sequenceOffset = 0;
                        }
                        else
                        {
                            sequenceOffset = loops * maxSequences[quote.InstrumentId];
                        }

                        var shiftedExchangeUnixNs = quote.ExchangeTimeUnixNs + timeShiftNs;
                        if (shiftedExchangeUnixNs < _options.ResumeFromUnixNs)
                        {
                            continue;
                        }

                        if (resuming && speed > 0)
                        {
                            // First quote after the skipped part: due now, and the rest paced from it.
                            resuming = false;
                            elapsed = _timeProvider.GetElapsedTime(started);
                            passStart = elapsed - Scaled(quote.ExchangeTimeUnixNs - dayStartUnixNs, speed);
                        }

                        resuming = false;

                        if (speed > 0)
                        {
                            var due = passStart + Scaled(quote.ExchangeTimeUnixNs - dayStartUnixNs, speed);
                            if (due > elapsed)
                            {
                                // Not due yet: whatever is due goes out now, then wait for this one.
                                if (count > 0)
                                {
                                    await PublishAsync(sink, batch, count, cancellationToken);
                                    quotes += count;
                                    batches++;
                                    count = 0;
                                }

                                elapsed = _timeProvider.GetElapsedTime(started);
                                while (due > elapsed)
                                {
                                    // Task.Delay truncates to whole milliseconds (a sub-millisecond
                                    // wait would return at once): round up, never deliver early.
                                    var wait = TimeSpan.FromMilliseconds(Math.Ceiling((due - elapsed).TotalMilliseconds));
                                    await Task.Delay(wait, _timeProvider, cancellationToken);
                                    elapsed = _timeProvider.GetElapsedTime(started);
                                }
                            }
                        }

                        batch[count++] = quote with
                        {
                            ExchangeTimeUnixNs = shiftedExchangeUnixNs,
                            Sequence = quote.Sequence + sequenceOffset,
                        };
                        quotesThisPass++;
                        if (count == batch.Length)
                        {
                            await PublishAsync(sink, batch, count, cancellationToken);
                            quotes += count;
                            batches++;
                            count = 0;
                        }
                    }
                }

                if (count > 0)
                {
                    await PublishAsync(sink, batch, count, cancellationToken);
                    quotes += count;
                    batches++;
                    count = 0;
                }

                loops++;
                if (quotesThisPass > 0)
                {
                    completedPasses?.Report(loops);
                }

                // An empty day would loop forever without publishing anything.
                if (!_options.Loop || dayStartUnixNs == long.MinValue)
                {
                    break;
                }

                passes ??= new SessionDayPasses(ExchangeCalendar.UsEquities, dayStartUnixNs, lastExchangeUnixNs);
                if (speed > 0)
                {
                    passStart += Scaled(lastExchangeUnixNs - dayStartUnixNs, speed);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        return new ReplayStats(quotes, batches, loops, _timeProvider.GetElapsedTime(started), cancelled);
    }

    private async ValueTask PublishAsync(IQuoteSink sink, Quote[] batch, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // One clock read per batch: the batch is received at one instant.
        var receivedUnixNs = (_timeProvider.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * NanosPerTick;
        for (var i = 0; i < count; i++)
        {
            batch[i] = batch[i] with { ReceiveTimeUnixNs = receivedUnixNs };
        }

        await sink.PublishAsync(batch.AsMemory(0, count), cancellationToken);
    }

    private static TimeSpan Scaled(long nanoseconds, double speed) =>
        TimeSpan.FromTicks((long)(nanoseconds / NanosPerTick / speed));
}
