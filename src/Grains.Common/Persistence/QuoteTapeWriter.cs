using System.Threading.Channels;
using Aegis.Domain.Quotes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Writes the quote tape (one block row per instrument and write, quotes as arrays) and the samples
/// to PostgreSQL with binary COPY, in batches, off the grains' threads. One per silo. An append
/// completes when its quotes are committed (synchronously: a feed acknowledges a publish on it, and
/// scenarios that fell behind read the tape instead of the feed). Appends that arrive while a write
/// is in flight go together in the next one, so the number of fsyncs stays bounded. A bounded buffer
/// makes feeds wait when the database falls behind, so memory stays flat and no quote is dropped;
/// a failed batch is retried until it lands.
/// </summary>
public sealed partial class QuoteTapeWriter : BackgroundService
{
    private const string TapeCopy =
        "COPY quote_tape_blocks (exchange_day, instrument_id, source, first_sequence, last_sequence, sequences, bids, asks, bid_sizes, ask_sizes, exchange_times_unix_ns, receive_times_unix_ns) FROM STDIN (FORMAT BINARY)";

    private const string SamplesCopy =
        "COPY quote_samples (exchange_day, instrument_id, source, sequence, bid, ask, bid_size, ask_size, exchange_time_unix_ns, receive_time_unix_ns) FROM STDIN (FORMAT BINARY)";

    private readonly Channel<PendingEntry> _buffer;
    private readonly NpgsqlDataSource _dataSource;
    private readonly QuoteTapeOptions _options;
    private readonly ILogger<QuoteTapeWriter> _logger;
    private readonly TapeProgress _progress;
    private readonly HashSet<DateOnly> _partitionsReady = [];
    private long _written;
    private long _backlog;

    public QuoteTapeWriter(NpgsqlDataSource dataSource, IOptions<QuoteTapeOptions> options, TapeProgress progress, ILogger<QuoteTapeWriter> logger)
    {
        _progress = progress;
        _dataSource = dataSource;
        _options = options.Value;
        _logger = logger;
        _buffer = Channel.CreateBounded<PendingEntry>(new BoundedChannelOptions(_options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Quotes waiting to be written.</summary>
    public int Backlog => (int)Interlocked.Read(ref _backlog);

    /// <summary>Quotes written since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Completes once the entry is committed; faults if the silo stops before it could be written.</summary>
    public async Task AppendAsync(TapeEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var pending = new PendingEntry(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Interlocked.Add(ref _backlog, entry.Quotes.Length);
        if (!_buffer.Writer.TryWrite(pending))
        {
            try
            {
                await _buffer.Writer.WriteAsync(pending, cancellationToken);
            }
            catch (ChannelClosedException)
            {
                Interlocked.Add(ref _backlog, -entry.Quotes.Length);
                throw new TapeNotDurableException("the silo is stopping: its tape writer takes no more quotes");
            }
        }

        // Someone waits for this commit: write now rather than let more gather.
        _progress.RequestFlush();
        await pending.Committed.Task;
    }

    /// <summary>Waits until everything appended so far is written (tests, shutdown).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (_buffer.Reader.Count > 0 || Volatile.Read(ref _inFlight) > 0)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private int _inFlight;

    // COPY is written synchronously (several times faster than value-by-value async writes) on a
    // dedicated thread of its own, so a slow server blocks this thread and never a thread-pool thread
    // that grains need.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var batch = new List<PendingEntry>();
        try
        {
            var lastWrite = 0L;
            while (_buffer.Reader.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult())
            {
                // Let a trickle of small feed batches gather for a moment: one block row per instrument and
                // write instead of one per batch (at 10,000 single-quote publishes/s, 20 times fewer rows).
                // Unless the journal waits for the tape: decisions are journaled only after their quotes.
                var wait = _options.FlushInterval - System.Diagnostics.Stopwatch.GetElapsedTime(lastWrite);
                if (wait > TimeSpan.Zero && Interlocked.Read(ref _backlog) < _options.MaxBatch && _progress.WaitForFlushRequest(wait, stoppingToken))
                {
                    var window = _options.CommitWindow - System.Diagnostics.Stopwatch.GetElapsedTime(lastWrite);
                    if (window > TimeSpan.Zero && Interlocked.Read(ref _backlog) < _options.MaxBatch)
                    {
                        stoppingToken.WaitHandle.WaitOne(window);
                    }
                }

                lastWrite = System.Diagnostics.Stopwatch.GetTimestamp();
                Volatile.Write(ref _inFlight, 1);
                var rows = 0;
                while (rows < _options.MaxBatch && _buffer.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                    rows += entry.Entry.Quotes.Length;
                }

                WriteWithRetry(batch, stoppingToken);
                ReportCommitted(batch);
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetResult();
                }

                Interlocked.Add(ref _written, rows);
                Interlocked.Add(ref _backlog, -rows);
                batch.Clear();
                Volatile.Write(ref _inFlight, 0);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is left, once, without retrying forever. Later appends fail at once
            // rather than wait for a writer that is gone; their publishers send them again elsewhere.
            _buffer.Writer.TryComplete();
            while (_buffer.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            if (batch.Count > 0)
            {
                try
                {
                    Write(batch);
                    ReportCommitted(batch);
                    batch.ForEach(p => p.Committed.TrySetResult());
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException)
                {
                    LogLostAtShutdown(_logger, batch.Sum(e => e.Entry.Quotes.Length), ex.Message);
                    var stopped = new TapeNotDurableException($"the silo stopped before the tape could commit these quotes: {ex.Message}");
                    batch.ForEach(p => p.Committed.TrySetException(stopped));
                }
            }
        }
    }

    private void ReportCommitted(List<PendingEntry> batch)
    {
        foreach (var pending in batch)
        {
            var quotes = pending.Entry.Quotes;
            for (var i = 0; i < quotes.Length; i++)
            {
                // Report once per run of one source: a batch nearly always has one.
                if (i == quotes.Length - 1 || quotes[i + 1].Source != quotes[i].Source)
                {
                    _progress.Committed(quotes[i].Source, quotes[i].InstrumentId, quotes[i].Sequence);
                }
            }
        }
    }

    private void WriteWithRetry(List<PendingEntry> batch, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                Write(batch);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException)
            {
                LogWriteFailed(_logger, batch.Sum(e => e.Entry.Quotes.Length), delay.TotalSeconds, ex.Message);
                _partitionsReady.Clear();
                if (cancellationToken.WaitHandle.WaitOne(delay))
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private void Write(List<PendingEntry> batch)
    {
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        foreach (var day in batch.SelectMany(e => e.Entry.Quotes).Select(ExchangeDay).Distinct())
        {
            if (_partitionsReady.Add(day))
            {
                using var ensure = new NpgsqlCommand("SELECT aegis_ensure_quote_partitions($1)", connection, transaction);
                ensure.Parameters.Add(new() { Value = day });
                ensure.ExecuteNonQuery();
            }
        }

        CopyBlocks(connection, batch);
        if (batch.Exists(e => e.Entry.Samples.Length > 0))
        {
            Copy(connection, SamplesCopy, batch.SelectMany(e => e.Entry.Samples));
        }

        transaction.Commit();
    }

    // One block per instrument in this write (its feed's batches in order), split further only where
    // the quotes change source or exchange day (or instrument, should an entry ever mix them).
    private static void CopyBlocks(NpgsqlConnection connection, List<PendingEntry> batch)
    {
        using var importer = connection.BeginBinaryImport(TapeCopy);
        foreach (var quotes in ByInstrument(batch))
        {
            var start = 0;
            for (var i = 1; i <= quotes.Length; i++)
            {
                if (i < quotes.Length && quotes[i].InstrumentId == quotes[start].InstrumentId && quotes[i].Source == quotes[start].Source
                    && ExchangeDay(quotes[i]) == ExchangeDay(quotes[start]))
                {
                    continue;
                }

                WriteBlock(importer, quotes.AsSpan(start, i - start));
                start = i;
            }
        }

        importer.Complete();
    }

    private static IEnumerable<Quote[]> ByInstrument(List<PendingEntry> batch)
    {
        var byInstrument = new Dictionary<string, List<Quote[]>>(StringComparer.Ordinal);
        foreach (var (entry, _) in batch)
        {
            if (entry.Quotes.Length == 0)
            {
                continue;
            }

            var instrumentId = entry.Quotes[0].InstrumentId;
            if (!byInstrument.TryGetValue(instrumentId, out var parts))
            {
                byInstrument[instrumentId] = parts = [];
            }

            parts.Add(entry.Quotes);
        }

        foreach (var parts in byInstrument.Values)
        {
            yield return parts.Count == 1 ? parts[0] : [.. parts.SelectMany(p => p)];
        }
    }

    private static void WriteBlock(NpgsqlBinaryImporter importer, ReadOnlySpan<Quote> block)
    {
        var count = block.Length;
        var sequences = new long[count];
        var bids = new decimal[count];
        var asks = new decimal[count];
        var bidSizes = new long[count];
        var askSizes = new long[count];
        var exchangeTimes = new long[count];
        var receiveTimes = new long[count];
        for (var i = 0; i < count; i++)
        {
            var quote = block[i];
            sequences[i] = quote.Sequence;
            bids[i] = quote.Bid;
            asks[i] = quote.Ask;
            bidSizes[i] = quote.BidSize;
            askSizes[i] = quote.AskSize;
            exchangeTimes[i] = quote.ExchangeTimeUnixNs;
            receiveTimes[i] = quote.ReceiveTimeUnixNs;
        }

        importer.StartRow();
        importer.Write(ExchangeDay(block[0]), NpgsqlDbType.Date);
        importer.Write(block[0].InstrumentId, NpgsqlDbType.Text);
        importer.Write(block[0].Source, NpgsqlDbType.Text);
        importer.Write(sequences[0], NpgsqlDbType.Bigint);
        importer.Write(sequences[^1], NpgsqlDbType.Bigint);
        importer.Write(sequences, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        importer.Write(bids, NpgsqlDbType.Array | NpgsqlDbType.Numeric);
        importer.Write(asks, NpgsqlDbType.Array | NpgsqlDbType.Numeric);
        importer.Write(bidSizes, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        importer.Write(askSizes, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        importer.Write(exchangeTimes, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        importer.Write(receiveTimes, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
    }

    private static void Copy(NpgsqlConnection connection, string copy, IEnumerable<Quote> quotes)
    {
        using var importer = connection.BeginBinaryImport(copy);
        foreach (var quote in quotes)
        {
            importer.StartRow();
            importer.Write(ExchangeDay(quote), NpgsqlDbType.Date);
            importer.Write(quote.InstrumentId, NpgsqlDbType.Text);
            importer.Write(quote.Source, NpgsqlDbType.Text);
            importer.Write(quote.Sequence, NpgsqlDbType.Bigint);
            importer.Write(quote.Bid, NpgsqlDbType.Numeric);
            importer.Write(quote.Ask, NpgsqlDbType.Numeric);
            importer.Write(quote.BidSize, NpgsqlDbType.Bigint);
            importer.Write(quote.AskSize, NpgsqlDbType.Bigint);
            importer.Write(quote.ExchangeTimeUnixNs, NpgsqlDbType.Bigint);
            importer.Write(quote.ReceiveTimeUnixNs, NpgsqlDbType.Bigint);
        }

        importer.Complete();
    }

    private static DateOnly ExchangeDay(Quote quote) =>
        DateOnly.FromDateTime(DateTime.UnixEpoch.AddTicks(quote.ExchangeTimeUnixNs / 100));

    private sealed record PendingEntry(TapeEntry Entry, TaskCompletionSource Committed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quote tape write of {Count} quotes failed, retrying in {DelaySeconds} s: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, int count, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} quotes could not be written to the tape at shutdown: {Reason}")]
    private static partial void LogLostAtShutdown(ILogger logger, int count, string reason);
}
