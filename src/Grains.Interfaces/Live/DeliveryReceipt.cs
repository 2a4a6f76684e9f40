namespace Aegis.Grains.Interfaces.Live;

/// <summary>What a scenario did with a <see cref="FeedDelivery"/>.</summary>
/// <param name="Taken">True when its quotes were processed. False when the scenario is still catching up
/// from the tape or cannot journal now: the feed then drops the quotes (they are in the tape) and sends
/// only its marks until the scenario takes deliveries again.</param>
/// <param name="RetryAfterMs">How long the feed should wait before the next delivery when not taken.</param>
[GenerateSerializer, Immutable]
public sealed record DeliveryReceipt([property: Id(0)] bool Taken, [property: Id(1)] int RetryAfterMs)
{
    public static DeliveryReceipt Processed { get; } = new(true, 0);

    public static DeliveryReceipt Behind { get; } = new(false, 0);

    public static DeliveryReceipt Later(TimeSpan wait) => new(false, (int)wait.TotalMilliseconds);
}
