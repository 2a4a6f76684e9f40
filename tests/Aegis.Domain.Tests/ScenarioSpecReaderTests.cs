using System.Text;
using Aegis.Domain.Scenarios;

namespace Aegis.Domain.Tests;

public sealed class ScenarioSpecReaderTests
{
    private const string Valid = """
        id: spy-ma
        strategy: ma-crossover
        parameters: { fast: 5, slow: 20, quantity: 100 }
        instruments: [SPY]
        limits: { maxPositionUnits: 500, maxNotional: 250000, maxOrdersPerMinute: 30, maxDailyLoss: 2500 }
        startingCash: 100000
        """;

    private static IReadOnlyList<string> Errors(string yaml)
    {
        var result = ScenarioSpecReader.Read(yaml);
        Assert.Null(result.Spec);
        return result.Errors;
    }

    [Fact]
    public void Sample_spec_file_parses_with_every_field()
    {
        var result = ScenarioSpecReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sample-scenario.yaml")));

        Assert.Empty(result.Errors);
        var spec = result.Spec!;
        Assert.Equal(("spy-ma-5-20", "SPY MA 5/20", "ma-crossover", "paper", 100_000m), (spec.Id, spec.Name, spec.Strategy, spec.Venue, spec.StartingCash));
        Assert.Equal(["SPY"], spec.Instruments);
        Assert.Equal("20", spec.Parameters["slow"]);
        Assert.Equal(new Aegis.Domain.Risk.RiskLimits(500, 300_000m, 30, 2500m), spec.Limits);
        Assert.Equal((0.005m, 1.00m, 1), (spec.Commission.PerUnit, spec.Commission.Minimum, spec.Slippage.Ticks));
    }

    [Fact]
    public void Json_spec_parses_and_defaults_name_venue_commission_and_slippage()
    {
        var result = ScenarioSpecReader.Read("""
            {"id": "z-1", "strategy": "zscore-reversion",
             "parameters": {"window": 20, "entryZ": 2.0, "exitZ": 0.5, "quantity": 10},
             "instruments": ["AAPL", "MSFT"],
             "limits": {"maxPositionUnits": 100, "maxNotional": 50000.5, "maxOrdersPerMinute": 10, "maxDailyLoss": 1000},
             "startingCash": 25000}
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(("z-1", "paper", 50_000.5m), (result.Spec!.Name, result.Spec.Venue, result.Spec.Limits.MaxNotional));
        Assert.Equal(Aegis.Domain.Execution.CommissionSchedule.Default, result.Spec.Commission);
        Assert.Equal(Aegis.Domain.Execution.SlippageModel.Default, result.Spec.Slippage);
    }

    [Fact]
    public void Non_positive_limit_names_the_field() =>
        Assert.Equal(["limits.maxNotional: must be > 0, got '-5'"], Errors(Valid.Replace("maxNotional: 250000", "maxNotional: -5", StringComparison.Ordinal)));

    [Fact]
    public void Unknown_strategy_lists_the_known_ones() =>
        Assert.Equal(["strategy: unknown strategy 'foo' (known: ma-crossover, zscore-reversion, opening-range-breakout)"],
            Errors(Valid.Replace("ma-crossover", "foo", StringComparison.Ordinal)));

    [Fact]
    public void Empty_instrument_list_is_rejected() =>
        Assert.Equal(["instruments: at least one instrument required"], Errors(Valid.Replace("[SPY]", "[]", StringComparison.Ordinal)));

    [Fact]
    public void Bad_strategy_parameter_names_the_parameter() =>
        Assert.Equal(["parameters.fast: must be a positive integer, got 'x'"], Errors(Valid.Replace("fast: 5", "fast: x", StringComparison.Ordinal)));

    [Fact]
    public void Every_error_is_reported_at_once_with_its_field()
    {
        var errors = Errors("""
            id: Bad Id
            strategy: ma-crossover
            parameters: { fast: 5, slow: 20, quantity: 100 }
            instruments: [SPY, SPY]
            limits: { maxPositionUnits: 0, maxNotional: 1, maxOrdersPerMinute: lots, maxDailyLoss: 1, extra: 1 }
            venue: saxo
            colour: red
            """);

        Assert.Equal(
        [
            "id: must be lowercase letters, digits and '-', got 'Bad Id'",
            "instruments[1]: duplicate instrument 'SPY'",
            "limits.maxPositionUnits: must be > 0, got '0'",
            "limits.maxOrdersPerMinute: must be an integer, got 'lots'",
            "limits.extra: unknown field (known: maxPositionUnits, maxNotional, maxOrdersPerMinute, maxDailyLoss)",
            "venue: only 'paper' is supported, got 'saxo'",
            "startingCash: is required",
            "colour: unknown field (known: id, name, strategy, parameters, instruments, limits, venue, startingCash, commission, slippage, extendedHours)",
        ], errors);
    }

    [Fact]
    public void Missing_limits_and_strategy_are_required() =>
        Assert.Equal(["strategy: is required", "instruments: at least one instrument required", "limits: is required (maxPositionUnits, maxNotional, maxOrdersPerMinute, maxDailyLoss)"],
            Errors("id: x\nstartingCash: 1\n"));

    [Fact]
    public void Malformed_text_is_an_error_value_not_an_exception()
    {
        var error = Assert.Single(Errors("id: [unclosed"));
        Assert.StartsWith("document: not valid YAML or JSON at line ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extended_hours_is_off_unless_the_spec_turns_it_on()
    {
        Assert.False(ScenarioSpecReader.Read(Valid).Spec!.ExtendedHours);
        Assert.True(ScenarioSpecReader.Read(Valid + "\nextendedHours: true").Spec!.ExtendedHours);
        Assert.False(ScenarioSpecReader.Read(Valid + "\nextendedHours: false").Spec!.ExtendedHours);
    }

    [Fact]
    public void Extended_hours_must_be_true_or_false() =>
        Assert.Equal(["extendedHours: must be true or false, got 'sometimes'"], Errors(Valid + "\nextendedHours: sometimes"));

    private static string PaddedTo(int utf8Bytes, char filler = 'x')
    {
        // A trailing YAML comment grows the spec without changing what it says.
        var text = Valid + "\n#";
        var fillerBytes = Encoding.UTF8.GetByteCount([filler]);
        var missing = utf8Bytes - Encoding.UTF8.GetByteCount(text);
        return text + new string(filler, missing / fillerBytes) + new string('x', missing % fillerBytes);
    }

    [Fact]
    public void A_spec_of_exactly_the_limit_is_read()
    {
        var text = PaddedTo(ScenarioSpecReader.MaxSpecBytes);

        Assert.Equal(65_536, Encoding.UTF8.GetByteCount(text));
        Assert.Equal("spy-ma", ScenarioSpecReader.Read(text).Spec!.Id);
        Assert.Equal("spy-ma", ScenarioSpecReader.ReadUtf8(Encoding.UTF8.GetBytes(text)).Spec!.Id);
    }

    [Fact]
    public void A_spec_one_byte_over_the_limit_is_refused_in_one_line()
    {
        var text = PaddedTo(ScenarioSpecReader.MaxSpecBytes + 1);

        Assert.Equal(["document: spec is 65537 bytes, the limit is 65536"], Errors(text));
        Assert.Equal(["document: spec is 65537 bytes, the limit is 65536"], ScenarioSpecReader.ReadUtf8(Encoding.UTF8.GetBytes(text)).Errors);
    }

    [Fact]
    public void The_limit_counts_utf8_bytes_not_characters()
    {
        // 'é' is two bytes in UTF-8: fewer than 65,536 characters, more than 65,536 bytes.
        var text = PaddedTo(70_000, 'é');

        Assert.True(text.Length < ScenarioSpecReader.MaxSpecBytes);
        Assert.Equal(["document: spec is 70000 bytes, the limit is 65536"], Errors(text));
    }

    [Fact]
    public void Utf8_bytes_over_the_limit_are_refused_for_size_before_they_are_decoded()
    {
        var bytes = new byte[ScenarioSpecReader.MaxSpecBytes + 10];
        bytes.AsSpan().Fill(0xFF);

        Assert.Equal(["document: spec is 65546 bytes, the limit is 65536"], ScenarioSpecReader.ReadUtf8(bytes).Errors);
    }

    [Fact]
    public void Utf8_bytes_are_read_like_the_text_and_a_byte_order_mark_is_dropped()
    {
        var plain = ScenarioSpecReader.ReadUtf8(Encoding.UTF8.GetBytes(Valid + "\nname: Café ☕ 𝄞")).Spec!;
        var marked = ScenarioSpecReader.ReadUtf8([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Valid)]).Spec!;

        Assert.Equal(("spy-ma", "Café ☕ 𝄞"), (plain.Id, plain.Name));
        Assert.Equal("spy-ma", marked.Id);
    }

    [Fact]
    public void Latin1_bytes_are_refused_as_invalid_utf8_naming_the_line_and_offset()
    {
        // "name: Caf\xE9" as Latin-1 on line 2: 0xE9 followed by a newline is not UTF-8.
        byte[] bytes = [.. "id: x\nname: Caf"u8, 0xE9, .. "\nstrategy: ma-crossover\n"u8];

        Assert.Equal(
            ["document: not valid UTF-8: byte 0xE9 at line 2 (byte offset 15); save the file as UTF-8"],
            ScenarioSpecReader.ReadUtf8(bytes).Errors);
    }

    [Fact]
    public void An_overlong_utf8_encoding_is_refused()
    {
        // 0xC0 0xAF is an overlong '/', which lenient decoders have let through.
        byte[] bytes = [.. "id: a"u8, 0xC0, 0xAF, .. "b\n"u8];

        Assert.Equal(
            ["document: not valid UTF-8: byte 0xC0 at line 1 (byte offset 5); save the file as UTF-8"],
            ScenarioSpecReader.ReadUtf8(bytes).Errors);
    }

    [Fact]
    public void Text_with_a_replacement_character_is_refused_naming_where() =>
        Assert.Equal(
            ["document: not valid UTF-8: replacement character U+FFFD at line 2, column 10 (the text was decoded from another encoding)"],
            Errors("id: x\nname: Caf\uFFFD\n"));

    [Fact]
    public void Valid_utf8_bytes_encoding_a_replacement_character_are_refused_too() =>
        Assert.Equal(
            ["document: not valid UTF-8: replacement character U+FFFD at line 1, column 5 (the text was decoded from another encoding)"],
            ScenarioSpecReader.ReadUtf8("id: \uFFFD"u8).Errors);

    [Fact]
    public void Text_with_an_unpaired_surrogate_is_refused() =>
        Assert.Equal(["document: not valid UTF-8: unpaired surrogate U+D83D at line 1, column 11"], Errors("name: abc \uD83D\n"));

    [Fact]
    public void A_low_surrogate_without_its_high_half_is_refused() =>
        Assert.Equal(["document: not valid UTF-8: unpaired surrogate U+DE00 at line 1, column 7"], Errors("name: \uDE00\uD83D\uDE00"));
}

public sealed class ScenarioSpecVariantTests
{
    [Fact]
    public void A_variant_keeps_every_field_but_the_id_name_and_the_parameters_it_replaces()
    {
        const string Spec = """
            id: spy-ma-crossover
            name: SPY MA 20/80
            strategy: ma-crossover
            parameters:
              fast: 20
              slow: 80
              quantity: 100
            instruments: [SPY]
            limits: {maxPositionUnits: 500, maxNotional: 400000, maxOrdersPerMinute: 30, maxDailyLoss: 5000}
            venue: paper
            startingCash: 250000
            """;

        var text = ScenarioSpecVariant.With(Spec, "spy-ma-crossover-t0007", "SPY MA #7", new Dictionary<string, string> { ["fast"] = "12", ["slow"] = "90" });
        var read = ScenarioSpecReader.Read(text);

        Assert.True(read.Spec is not null, string.Join("; ", read.Errors));
        var original = ScenarioSpecReader.Read(Spec).Spec!;
        Assert.Equal("spy-ma-crossover-t0007", read.Spec.Id);
        Assert.Equal("SPY MA #7", read.Spec.Name);
        Assert.Equal(new Dictionary<string, string> { ["fast"] = "12", ["slow"] = "90", ["quantity"] = "100" }, read.Spec.Parameters);
        Assert.Equal(original.Limits, read.Spec.Limits);
        Assert.Equal(original.Instruments, read.Spec.Instruments);
        Assert.Equal(original.StartingCash, read.Spec.StartingCash);
    }
}
