using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aegis.Grains.Research;

/// <summary>How staged trials and result summaries are written: camelCase, enums as names.</summary>
public static class ResearchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
