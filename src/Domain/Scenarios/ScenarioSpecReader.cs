using System.Globalization;
using System.Text;
using Aegis.Domain.Execution;
using Aegis.Domain.Risk;
using Aegis.Domain.Strategies;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Aegis.Domain.Scenarios;

/// <summary>
/// Reads a scenario spec from YAML or JSON (JSON is read as YAML flow style). Never throws on bad
/// input: every problem is reported as <c>field.path: why</c>, and the strategy parameters are
/// validated by building the strategy through <see cref="StrategyFactory"/>. A spec is at most
/// <see cref="MaxSpecBytes"/> bytes of UTF-8 (see <see cref="ScenarioSpecText"/>).
/// </summary>
/// <example>
/// <code>
/// id: spy-ma-fast
/// name: SPY MA 5/20
/// strategy: ma-crossover
/// parameters: { fast: 5, slow: 20, quantity: 100 }
/// instruments: [SPY]
/// limits: { maxPositionUnits: 500, maxNotional: 250000, maxOrdersPerMinute: 30, maxDailyLoss: 2500 }
/// startingCash: 100000
/// commission: { perUnit: 0.005, minimum: 1.00 }   # optional, IBKR-like default
/// slippage: { ticks: 1 }                          # optional, default 1 tick
/// venue: paper                                    # optional, only 'paper'
/// extendedHours: false                            # optional, trade pre- and post-market quotes too
/// </code>
/// </example>
public static class ScenarioSpecReader
{
    /// <summary>
    /// Largest spec accepted, in UTF-8 bytes: far above any real spec (a few hundred bytes), small
    /// enough that a stored spec never weighs on grain state or on every activation that re-reads it.
    /// </summary>
    public const int MaxSpecBytes = 64 * 1024;

    private static readonly string[] TopLevelFields =
        ["id", "name", "strategy", "parameters", "instruments", "limits", "venue", "startingCash", "commission", "slippage", "extendedHours"];

    /// <summary>Reads a spec held as UTF-8 bytes: the size is checked before decoding, and invalid UTF-8 is refused, not replaced.</summary>
    public static ScenarioSpecReadResult ReadUtf8(ReadOnlySpan<byte> utf8, StrategyCatalog? strategies = null) =>
        ScenarioSpecText.TryDecodeUtf8(utf8, out var text, out var problem) ? Read(text, strategies) : Failed($"document: {problem}");

    /// <summary>Reads and validates a spec; its strategy and parameters are checked against <paramref name="strategies"/>
    /// (the reference strategies when null).</summary>
    public static ScenarioSpecReadResult Read(string text, StrategyCatalog? strategies = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if ((ScenarioSpecText.SizeProblem(Encoding.UTF8.GetByteCount(text)) ?? ScenarioSpecText.TextProblem(text)) is { } problem)
        {
            return Failed($"document: {problem}");
        }

        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }
        catch (YamlException ex)
        {
            var why = ex.InnerException?.Message ?? ex.Message;
            return Failed($"document: not valid YAML or JSON at line {ex.Start.Line}, column {ex.Start.Column}: {why}");
        }

        if (root is null)
        {
            return Failed("document: expected a mapping of scenario fields");
        }

        var errors = new List<string>();
        var fields = new Fields(root, string.Empty, errors, TopLevelFields);

        var id = fields.String("id", required: true);
        if (id is not null && !ScenarioSpec.IsValidId(id))
        {
            errors.Add($"id: must be lowercase letters, digits and '-', got '{id}'");
        }

        var name = fields.String("name", required: false) ?? id ?? string.Empty;
        var strategyName = fields.String("strategy", required: true);
        var parameters = ReadParameters(fields.Node("parameters"), errors);
        var instruments = ReadInstruments(fields.Node("instruments"), errors);
        var limits = ReadLimits(fields.Node("limits"), errors);
        var venue = fields.String("venue", required: false) ?? ScenarioSpec.PaperVenue;
        if (!string.Equals(venue, ScenarioSpec.PaperVenue, StringComparison.Ordinal))
        {
            errors.Add($"venue: only '{ScenarioSpec.PaperVenue}' is supported, got '{venue}'");
        }

        var startingCash = fields.Decimal("startingCash", required: true, mustBePositive: true);
        var commission = ReadCommission(fields.Node("commission"), errors);
        var slippage = ReadSlippage(fields.Node("slippage"), errors);
        var extendedHours = fields.Bool("extendedHours", defaultValue: false);
        fields.ReportUnknown();

        if (strategyName is not null)
        {
            var creation = (strategies ?? StrategyCatalog.Reference).Create(strategyName, parameters);
            foreach (var error in creation.Errors)
            {
                errors.Add(error.Parameter is null ? $"strategy: {error.Message}" : $"parameters.{error.Parameter}: {error.Message}");
            }
        }

        if (errors.Count > 0)
        {
            return new ScenarioSpecReadResult(null, errors);
        }

        var spec = new ScenarioSpec(id!, name, strategyName!, parameters, instruments, limits!, venue, startingCash!.Value, commission!, slippage!)
        {
            ExtendedHours = extendedHours,
        };
        return new ScenarioSpecReadResult(spec, []);
    }

    private static ScenarioSpecReadResult Failed(string error) => new(null, [error]);

    private static Dictionary<string, string> ReadParameters(YamlNode? node, List<string> errors)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (node)
        {
            case null:
                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var keyText = (key as YamlScalarNode)?.Value ?? string.Empty;
                    if (value is YamlScalarNode scalar)
                    {
                        parameters[keyText] = scalar.Value ?? string.Empty;
                    }
                    else
                    {
                        errors.Add($"parameters.{keyText}: must be a single value");
                    }
                }

                break;
            default:
                errors.Add("parameters: must be a mapping of name: value");
                break;
        }

        return parameters;
    }

    private static List<string> ReadInstruments(YamlNode? node, List<string> errors)
    {
        var instruments = new List<string>();
        if (node is null)
        {
            errors.Add("instruments: at least one instrument required");
            return instruments;
        }

        if (node is not YamlSequenceNode sequence)
        {
            errors.Add("instruments: must be a list of instrument ids");
            return instruments;
        }

        var index = 0;
        foreach (var item in sequence.Children)
        {
            var value = (item as YamlScalarNode)?.Value;
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"instruments[{index}]: must be a non-empty instrument id");
            }
            else if (instruments.Contains(value, StringComparer.Ordinal))
            {
                errors.Add($"instruments[{index}]: duplicate instrument '{value}'");
            }
            else
            {
                instruments.Add(value);
            }

            index++;
        }

        if (sequence.Children.Count == 0)
        {
            errors.Add("instruments: at least one instrument required");
        }

        return instruments;
    }

    private static RiskLimits? ReadLimits(YamlNode? node, List<string> errors)
    {
        if (node is null)
        {
            errors.Add("limits: is required (maxPositionUnits, maxNotional, maxOrdersPerMinute, maxDailyLoss)");
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            errors.Add("limits: must be a mapping");
            return null;
        }

        var fields = new Fields(map, "limits.", errors, ["maxPositionUnits", "maxNotional", "maxOrdersPerMinute", "maxDailyLoss"]);
        var units = fields.Integer("maxPositionUnits", required: true, minimum: 1);
        var notional = fields.Decimal("maxNotional", required: true, mustBePositive: true);
        var rate = fields.Integer("maxOrdersPerMinute", required: true, minimum: 1);
        var loss = fields.Decimal("maxDailyLoss", required: true, mustBePositive: true);
        fields.ReportUnknown();
        return units is null || notional is null || rate is null || loss is null || rate > int.MaxValue
            ? null
            : new RiskLimits(units.Value, notional.Value, (int)rate.Value, loss.Value);
    }

    private static CommissionSchedule? ReadCommission(YamlNode? node, List<string> errors)
    {
        var defaults = CommissionSchedule.Default;
        if (node is null)
        {
            return defaults;
        }

        if (node is not YamlMappingNode map)
        {
            errors.Add("commission: must be a mapping");
            return null;
        }

        var fields = new Fields(map, "commission.", errors, ["perUnit", "minimum", "perOrder", "optionPerContract"]);
        var perUnit = fields.Decimal("perUnit", required: false, mustBePositive: false);
        var minimum = fields.Decimal("minimum", required: false, mustBePositive: false);
        var perOrder = fields.Decimal("perOrder", required: false, mustBePositive: false);
        var perContract = fields.Decimal("optionPerContract", required: false, mustBePositive: false);
        fields.ReportUnknown();
        return new CommissionSchedule(
            perUnit ?? defaults.PerUnit,
            minimum ?? defaults.Minimum,
            perOrder ?? defaults.PerOrder,
            perContract ?? defaults.OptionPerContract);
    }

    private static SlippageModel? ReadSlippage(YamlNode? node, List<string> errors)
    {
        if (node is null)
        {
            return SlippageModel.Default;
        }

        if (node is not YamlMappingNode map)
        {
            errors.Add("slippage: must be a mapping");
            return null;
        }

        var fields = new Fields(map, "slippage.", errors, ["ticks"]);
        var ticks = fields.Integer("ticks", required: true, minimum: 0);
        fields.ReportUnknown();
        return ticks is null || ticks > int.MaxValue ? null : new SlippageModel((int)ticks.Value);
    }

    /// <summary>Reads the fields of one mapping, remembering which were used so the rest can be reported.</summary>
    private sealed class Fields(YamlMappingNode map, string prefix, List<string> errors, string[] known)
    {
        public YamlNode? Node(string name) =>
            map.Children.TryGetValue(new YamlScalarNode(name), out var node) && !IsNull(node) ? node : null;

        public string? String(string name, bool required)
        {
            var node = Node(name);
            if (node is null)
            {
                if (required)
                {
                    errors.Add($"{prefix}{name}: is required");
                }

                return null;
            }

            if (node is not YamlScalarNode { Value: { Length: > 0 } value })
            {
                errors.Add($"{prefix}{name}: must be a non-empty text value");
                return null;
            }

            return value;
        }

        public decimal? Decimal(string name, bool required, bool mustBePositive)
        {
            var raw = String(name, required);
            if (raw is null)
            {
                return null;
            }

            if (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add($"{prefix}{name}: must be a number, got '{raw}'");
                return null;
            }

            if (mustBePositive ? value <= 0m : value < 0m)
            {
                errors.Add($"{prefix}{name}: must be {(mustBePositive ? "> 0" : ">= 0")}, got '{raw}'");
                return null;
            }

            return value;
        }

        public bool Bool(string name, bool defaultValue)
        {
            var raw = String(name, required: false);
            if (raw is null)
            {
                return defaultValue;
            }

            if (!bool.TryParse(raw, out var value))
            {
                errors.Add($"{prefix}{name}: must be true or false, got '{raw}'");
                return defaultValue;
            }

            return value;
        }

        public long? Integer(string name, bool required, long minimum)
        {
            var raw = String(name, required);
            if (raw is null)
            {
                return null;
            }

            if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add($"{prefix}{name}: must be an integer, got '{raw}'");
                return null;
            }

            if (value < minimum)
            {
                errors.Add(minimum == 1 ? $"{prefix}{name}: must be > 0, got '{raw}'" : $"{prefix}{name}: must be >= {minimum}, got '{raw}'");
                return null;
            }

            return value;
        }

        public void ReportUnknown()
        {
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? key.ToString();
                if (!known.Contains(name, StringComparer.Ordinal))
                {
                    errors.Add($"{prefix}{name}: unknown field (known: {string.Join(", ", known)})");
                }
            }
        }

        // YAML '~' / 'null' and JSON null mean "not given".
        private static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted), Value: null or "" or "~" or "null" };
    }
}
