using System.Globalization;
using System.Text;

namespace Aegis.Datasets.Import;

/// <summary>
/// A CSV file (RFC 4180: comma-separated, fields optionally in double quotes with <c>""</c> for a quote, CRLF or LF)
/// with a header row, read row by row. Each row knows its file and line, so a bad value is reported as
/// <c>FILE:LINE: field NAME: why</c>.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string file, Dictionary<string, int> columns, List<CsvRow> rows)
    {
        File = file;
        _columns = columns;
        Rows = rows;
    }

    public string File { get; }

    public IReadOnlyList<CsvRow> Rows { get; }

    /// <exception cref="CsvImportException">A header lacks a required column, or a row has a different number of fields.</exception>
    public static CsvTable Read(string file, TextReader text, IReadOnlyList<string> required)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(required);
        var records = Records(file, text).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new CsvImportException($"{file}: empty, expected a header row with {string.Join(", ", required)}");
        }

        var header = records.Current.Fields;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (!columns.TryAdd(name, i))
            {
                throw new CsvImportException($"{file}:1: column {name} appears twice");
            }
        }

        if (required.Where(c => !columns.ContainsKey(c)).ToList() is { Count: > 0 } missing)
        {
            throw new CsvImportException($"{file}:1: missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (the header has {string.Join(", ", header)})");
        }

        var table = new CsvTable(file, columns, []);
        var rows = (List<CsvRow>)table.Rows;
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // a blank line
            }

            if (fields.Count != header.Count)
            {
                throw new CsvImportException($"{file}:{line}: {fields.Count} fields, the header has {header.Count}");
            }

            rows.Add(new CsvRow(table, line, fields));
        }

        return table;
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    internal int Index(string column) =>
        _columns.TryGetValue(column, out var index) ? index : throw new InvalidOperationException($"{File}: no column {column}");

    private static IEnumerable<(int Line, List<string> Fields)> Records(string file, TextReader text)
    {
        var line = 1;
        var field = new StringBuilder();
        var fields = new List<string>();
        var start = line;
        var quoted = false;
        var atFieldStart = true;
        int c;
        while ((c = text.Read()) >= 0)
        {
            if (quoted)
            {
                if (c == '"')
                {
                    if (text.Peek() == '"')
                    {
                        field.Append('"');
                        text.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r' when text.Peek() == '\n':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    yield return (start, fields);
                    fields = [];
                    field.Clear();
                    atFieldStart = true;
                    start = ++line;
                    break;
                default:
                    field.Append((char)c);
                    atFieldStart = false;
                    break;
            }
        }

        if (quoted)
        {
            throw new CsvImportException($"{file}:{start}: a quoted field is never closed");
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }
}

/// <summary>One data row of a <see cref="CsvTable"/>, with typed access that names the file, line and field of a bad value.</summary>
public sealed class CsvRow(CsvTable table, int line, IReadOnlyList<string> fields)
{
    public int Line { get; } = line;

    public string Text(string column)
    {
        var value = fields[table.Index(column)];
        return value.Length > 0 ? value : throw Bad(column, value, "is empty");
    }

    public string? OptionalText(string column) => table.Has(column) && fields[table.Index(column)] is { Length: > 0 } value ? value : null;

    public decimal Decimal(string column) =>
        decimal.TryParse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw Bad(column, fields[table.Index(column)], "is not a number");

    public decimal? OptionalDecimal(string column) => OptionalText(column) is null ? null : Decimal(column);

    public double? OptionalDouble(string column) =>
        OptionalText(column) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
        : throw Bad(column, text, "is not a number");

    public long Long(string column) =>
        long.TryParse(Text(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : decimal.TryParse(fields[table.Index(column)], NumberStyles.Float, CultureInfo.InvariantCulture, out var whole) && whole == decimal.Truncate(whole) && whole is >= long.MinValue and <= long.MaxValue ? (long)whole
        : throw Bad(column, fields[table.Index(column)], "is not a whole number");

    public long OptionalLong(string column) => OptionalText(column) is null ? 0 : Long(column);

    public DateOnly Date(string column) =>
        DateOnly.TryParseExact(Text(column), ["yyyy-MM-dd", "yyyyMMdd", "M/d/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value
        : throw Bad(column, fields[table.Index(column)], "is not a date (YYYY-MM-DD)");

    public CsvImportException Bad(string column, string value, string why) => new($"{table.File}:{Line}: field {column}: '{value}' {why}");
}
