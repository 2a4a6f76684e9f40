namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// What a scenario activation did with a batch of quotes. A batch is settled (its publish may be
/// acknowledged) once the scenario's journal holds every decision up to <see cref="RequiredSequence"/>.
/// </summary>
/// <param name="Activation">The activation that answered; a new one means unjournaled work of the old one is gone.</param>
/// <param name="Processed">False when the batch was refused because it expected another activation: nothing was processed.</param>
/// <param name="RequiredSequence">The last decision this batch caused, or 0 if it caused none.</param>
/// <param name="DecidedSequence">The last decision the activation has made; covers a batch that was processed by an earlier attempt.</param>
/// <param name="JournaledSequence">The last decision already committed to the journal.</param>
[GenerateSerializer, Immutable]
public sealed record QuoteBatchReceipt(
    [property: Id(0)] Guid Activation,
    [property: Id(1)] bool Processed,
    [property: Id(2)] long RequiredSequence,
    [property: Id(3)] long DecidedSequence,
    [property: Id(4)] long JournaledSequence)
{
    public static QuoteBatchReceipt WrongActivation(Guid activation) => new(activation, false, 0, 0, 0);
}
