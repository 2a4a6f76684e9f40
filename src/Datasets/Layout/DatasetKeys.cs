using System.Globalization;
using System.Text.RegularExpressions;

namespace Aegis.Datasets.Layout;

/// <summary>
/// Where a dataset's objects live, in the Hive layout: <c>datasets/NAME/date=YYYY-MM-DD/symbol=SYM/part-N.parquet</c>
/// for quotes, <c>datasets/NAME/date=YYYY-MM-DD/scenario=ID/part-N.parquet</c> for a recorded scenario's inputs, and <c>datasets/NAME/manifest.json</c>, written last, which makes the dataset visible.
/// </summary>
public static partial class DatasetKeys
{
    public static string Root(string dataset) => $"datasets/{Checked(dataset, "dataset name")}/";

    public static string Manifest(string dataset) => Root(dataset) + "manifest.json";

    public static string Quotes(string dataset, DateOnly date, string symbol, int part = 0) =>
        $"{Root(dataset)}date={Day(date)}/symbol={Checked(symbol, "symbol")}/part-{part}.parquet";

    public static string Inputs(string dataset, DateOnly date, string scenarioId, int part = 0) =>
        $"{Root(dataset)}date={Day(date)}/scenario={Checked(scenarioId, "scenario id")}/part-{part}.parquet";

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A name that is safe as one path segment: letters, digits, '.', '_' and '-'.</summary>
    public static string Checked(string value, string what)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return SafeSegment().IsMatch(value) ? value : throw new ArgumentException($"{what} '{value}' may hold only letters, digits, '.', '_' and '-'", nameof(value));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeSegment();
}
