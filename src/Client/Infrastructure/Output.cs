using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aegis.Client.Infrastructure;

/// <summary>Prints results as aligned tables for people or as JSON (<c>--json</c>) for machines.</summary>
public static class Output
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private static readonly JsonSerializerOptions JsonLines = new(Json) { WriteIndented = false };

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>One JSON document on one line, for streams (<c>--follow --json</c>).</summary>
    public static void WriteJsonLine<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, JsonLines));

    public static void WriteTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) =>
        Console.Out.Write(RenderTable(headers, rows));

    /// <summary>Columns padded to their widest cell, a dashed rule under the headers; the last column is not padded.</summary>
    public static string RenderTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var materialised = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, materialised.Count == 0 ? 0 : materialised.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        AppendRow(text, headers, widths);
        AppendRow(text, widths.Select(w => new string('-', w)).ToList(), widths);
        foreach (var row in materialised)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    /// <summary>Name/value lines with the values aligned: <c>  status       running</c>.</summary>
    public static string RenderFields(IEnumerable<(string Name, string Value)> fields)
    {
        var materialised = fields.ToList();
        var width = materialised.Count == 0 ? 0 : materialised.Max(f => f.Name.Length);
        var text = new StringBuilder();
        foreach (var (name, value) in materialised)
        {
            text.Append("  ").Append(name.PadRight(width)).Append("  ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            var last = i == cells.Count - 1;
            text.Append(last ? cells[i] : cells[i].PadRight(widths[i]));
            text.Append(last ? "\n" : "  ");
        }
    }
}
