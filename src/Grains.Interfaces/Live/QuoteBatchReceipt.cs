namespace Aegis.Grains.Interfaces.Live;

/// <summary>
/// What a scenario activation did with a batch of quotes. A batch is settled (its publish may be
/// acknowledged) once the scenario's journal holds every input up to <see cref="RequiredSequence"/> (its
/// input log, and with it every decision those inputs caused).
/// </summary>
/// <param name="Activation">The activation that answered; a new one means unjournaled work of the old one is gone.</param>
/// <param name="Processed">False when the batch was refused because it expected another activation: nothing was processed.</param>
/// <param name="RequiredSequence">The last input the activation has taken (this batch's, or the ones an earlier attempt at it logged).</param>
/// <param name="DecidedSequence">The same: the last input taken.</param>
/// <param name="JournaledSequence">The last input already committed to the journal.</param>
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
