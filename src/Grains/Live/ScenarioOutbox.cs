using Aegis.Domain.Quotes;
using Aegis.Grains.Interfaces.Live;
using Microsoft.Extensions.Logging;

namespace Aegis.Grains.Live;

/// <summary>
/// A feed's deliveries to one scenario: the calls around a <see cref="ScenarioDeliveryLedger"/>. One
/// loop sends whatever the ledger has, one call at a time, and tells the ledger how each call went.
/// Lives inside the feed's activation: every method runs on its scheduler, one turn at a time.
/// </summary>
internal sealed partial class ScenarioOutbox(string scenarioId, IScenarioGrain scenario, ScenarioDeliveryLedger ledger, ILogger logger, TimeProvider time)
{
    private Task? _sending;
    private bool _abandoned;
    private int _failures;

    public string ScenarioId { get; } = scenarioId;

    public ScenarioDeliveryLedger Ledger { get; } = ledger;

    /// <summary>Queues quotes and, with them, the feed's watermark that covers them: both go out in the same delivery.</summary>
    public void Enqueue(Quote[] quotes, StreamMark[] previous, long watermarkUnixNs)
    {
        if (_abandoned)
        {
            return;
        }

        Ledger.Enqueue(quotes, previous);
        Ledger.Advance(watermarkUnixNs);
        EnsureSending();
    }

    /// <summary>The scenario must reach these marks, and learn the feed's watermark, even if no quote follows.</summary>
    public void Require(IEnumerable<StreamMark> marks)
    {
        if (_abandoned)
        {
            return;
        }

        Ledger.Require(marks);
        Ledger.Announce();
        EnsureSending();
    }

    public void Advance(long watermarkUnixNs)
    {
        if (_abandoned)
        {
            return;
        }

        Ledger.Advance(watermarkUnixNs);
        EnsureSending();
    }

    /// <summary>The scenario unsubscribed.</summary>
    public void Abandon()
    {
        _abandoned = true;
        Ledger.Clear();
    }

    private async Task SendAsync()
    {
        try
        {
            while (!_abandoned && Ledger.HasWork)
            {
                if (Ledger.Wait is { } wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time);
                    continue;
                }

                if (Ledger.TakeNext() is not { } delivery)
                {
                    return;
                }

                try
                {
                    var receipt = await scenario.OnDelivery(delivery);
                    Ledger.Answered(receipt);
                    if (_failures > 0)
                    {
                        LogReached(logger, ScenarioId, _failures);
                        _failures = 0;
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // An outage (its silo is away, the database is) or a bug in the scenario: either way the quotes
                    // are in the tape, so nothing is lost; the next attempt waits longer and says where to resume.
                    Ledger.Failed();
                    _failures++;
                    if (TransientCallRetry.IsTransient(ex))
                    {
                        LogRetrying(logger, ScenarioId, _failures, Ledger.Wait.TotalMilliseconds, ex.GetBaseException().Message);
                    }
                    else
                    {
                        LogFaulted(logger, ScenarioId, _failures, Ledger.Wait.TotalMilliseconds, ex);
                    }
                }
            }
        }
        finally
        {
            _sending = null;
        }
    }

    // The loop may finish without ever awaiting; a finished loop is never kept as running.
    private void EnsureSending()
    {
        if (_sending is null)
        {
            var sending = SendAsync();
            _sending = sending.IsCompleted ? null : sending;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to scenario {ScenarioId} failed ({Failures} in a row), next try in {DelayMs} ms: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string scenarioId, int failures, double delayMs, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scenario {ScenarioId} failed a delivery ({Failures} in a row), next try in {DelayMs} ms")]
    private static partial void LogFaulted(ILogger logger, string scenarioId, int failures, double delayMs, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scenario {ScenarioId} reached again after {Failures} failed deliveries; it catches up from the tape")]
    private static partial void LogReached(ILogger logger, string scenarioId, int failures);
}
