using System.Threading.Channels;
using Aegis.Domain.Quotes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Aegis.Grains.Persistence;

/// <summary>
/// Writes the quote tape (and samples) to PostgreSQL with binary COPY, in batches, off the grains'
/// threads. One per silo. A bounded buffer makes feeds wait when the database falls behind, so
/// memory stays flat and no quote is dropped; a failed batch is retried until it lands.
/// </summary>
public sealed partial class QuoteTapeWriter : BackgroundService
{
    private const string TapeCopy =
        "COPY quote_tape (exchange_day, instrument_id, source, sequence, bid, ask, bid_size, ask_size, exchange_time_unix_ns, receive_time_unix_ns) FROM STDIN (FORMAT BINARY)";

    private const string SamplesCopy =
        "COPY quote_samples (exchange_day, instrument_id, source, sequence, bid, ask, bid_size, ask_size, exchange_time_unix_ns, receive_time_unix_ns) FROM STDIN (FORMAT BINARY)";

    private readonly Channel<TapeEntry> _buffer;
    private readonly NpgsqlDataSource _dataSource;
    private readonly QuoteTapeOptions _options;
    private readonly ILogger<QuoteTapeWriter> _logger;
    private readonly HashSet<DateOnly> _partitionsReady = [];
    private long _written;

    public QuoteTapeWriter(NpgsqlDataSource dataSource, IOptions<QuoteTapeOptions> options, ILogger<QuoteTapeWriter> logger)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _logger = logger;
        _buffer = Channel.CreateBounded<TapeEntry>(new BoundedChannelOptions(_options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Quotes waiting to be written.</summary>
    public int Backlog => _buffer.Reader.Count;

    /// <summary>Quotes written since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    public ValueTask AppendAsync(TapeEntry entry, CancellationToken cancellationToken = default) =>
        _buffer.Writer.TryWrite(entry) ? ValueTask.CompletedTask : _buffer.Writer.WriteAsync(entry, cancellationToken);

    /// <summary>Waits until everything appended so far is written (tests, shutdown).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (_buffer.Reader.Count > 0 || Volatile.Read(ref _inFlight) > 0)
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private int _inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TapeEntry>(_options.MaxBatch);
        try
        {
            while (await _buffer.Reader.WaitToReadAsync(stoppingToken))
            {
                Volatile.Write(ref _inFlight, 1);
                while (batch.Count < _options.MaxBatch && _buffer.Reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }

                await WriteWithRetryAsync(batch, stoppingToken);
                Interlocked.Add(ref _written, batch.Count);
                batch.Clear();
                Volatile.Write(ref _inFlight, 0);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is left, once, without retrying forever.
            while (_buffer.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            if (batch.Count > 0)
            {
                try
                {
                    await WriteAsync(batch, CancellationToken.None);
                }
                catch (NpgsqlException ex)
                {
                    LogLostAtShutdown(_logger, batch.Count, ex.Message);
                }
            }
        }
    }

    private async Task WriteWithRetryAsync(List<TapeEntry> batch, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await WriteAsync(batch, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                LogWriteFailed(_logger, batch.Count, delay.TotalSeconds, ex.Message);
                _partitionsReady.Clear();
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async Task WriteAsync(List<TapeEntry> batch, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var entry in batch)
        {
            var day = ExchangeDay(entry.Quote);
            if (_partitionsReady.Add(day))
            {
                await using var ensure = new NpgsqlCommand("SELECT aegis_ensure_quote_partitions($1)", connection);
                ensure.Parameters.Add(new() { Value = day });
                await ensure.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await CopyAsync(connection, TapeCopy, batch, sampledOnly: false, cancellationToken);
        await CopyAsync(connection, SamplesCopy, batch, sampledOnly: true, cancellationToken);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string copy, List<TapeEntry> batch, bool sampledOnly, CancellationToken cancellationToken)
    {
        if (sampledOnly && !batch.Exists(e => e.Sampled))
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var entry in batch)
        {
            if (sampledOnly && !entry.Sampled)
            {
                continue;
            }

            var quote = entry.Quote;
            await importer.StartRowAsync(cancellationToken);
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

        await importer.CompleteAsync(cancellationToken);
    }

    private static DateOnly ExchangeDay(in Quote quote) =>
        DateOnly.FromDateTime(DateTime.UnixEpoch.AddTicks(quote.ExchangeTimeUnixNs / 100));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quote tape write of {Count} quotes failed, retrying in {DelaySeconds} s: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, int count, double delaySeconds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} quotes could not be written to the tape at shutdown: {Reason}")]
    private static partial void LogLostAtShutdown(ILogger logger, int count, string reason);
}
