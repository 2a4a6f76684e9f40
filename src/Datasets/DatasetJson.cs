using System.Text.Json;

namespace Aegis.Datasets;

/// <summary>How manifests are written: camelCase, indented, so that people and other tools can read them.</summary>
internal static class DatasetJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
