using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Aegis.Grains.Research.Placement;

/// <summary>
/// Places a grain keyed <c>…/N</c> on the N-th compatible silo (modulo their number, in address order), so that the
/// chunks of a job spread evenly over every research silo. A <c>[StatelessWorker]</c> would run them all on the
/// calling silo; the default placement would pile them where load looks lowest at the moment of the first call.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class SpreadPlacement : PlacementStrategy
{
    public static SpreadPlacement Singleton { get; } = new();
}

/// <summary>Marks a grain class for <see cref="SpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SpreadPlacementAttribute : PlacementAttribute
{
    public SpreadPlacementAttribute()
        : base(SpreadPlacement.Singleton)
    {
    }
}

/// <summary>Chooses the silo for <see cref="SpreadPlacement"/>.</summary>
public sealed class SpreadPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var silos = context.GetCompatibleSilos(target).OrderBy(s => s.ToParsableString(), StringComparer.Ordinal).ToArray();
        var key = target.GrainIdentity.Key.ToString() ?? string.Empty;
        var slash = key.LastIndexOf('/');
        var number = slash >= 0 && int.TryParse(key.AsSpan(slash + 1), out var n) ? n : StableHash(key);
        return Task.FromResult(silos[(int)((uint)number % (uint)silos.Length)]);
    }

    private static int StableHash(string key)
    {
        var hash = 17;
        foreach (var c in key)
        {
            hash = unchecked(hash * 31 + c);
        }

        return hash;
    }
}
