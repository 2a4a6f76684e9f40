using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aegis.Grains.Persistence;

/// <summary>The one JSON shape for domain values stored by grains (journal rows, scenario snapshots):
/// enums by name so stored rows stay readable and survive enum reordering; absent values are left
/// out rather than written as null (every journaled decision is parsed by the database).</summary>
public static class DomainJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
