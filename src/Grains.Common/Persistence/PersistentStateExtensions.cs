using Orleans.Storage;

namespace Aegis.Grains.Persistence;

/// <summary>Writes of state that only this activation owns.</summary>
public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; if the stored version moved (a write whose commit succeeded but whose reply
    /// was lost when the database went away), re-reads only to learn the current version and writes
    /// the in-memory state again. The grain is the single writer of its row, so its memory is the truth.
    /// </summary>
    public static async Task WriteOwnedStateAsync<T>(this IPersistentState<T> state, CancellationToken cancellationToken = default)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (InconsistentStateException)
        {
            var current = state.State;
            await state.ReadStateAsync(cancellationToken);
            state.State = current;
            await state.WriteStateAsync(cancellationToken);
        }
    }
}
