using System.Globalization;

namespace Aegis.Research.Overfitting;

/// <summary>
/// Reads a <see cref="ReturnMatrix"/> from CSV: rows are periods, columns are trials, values are numbers with a dot
/// as decimal separator. A first row that is not all numbers names the trials. A first column is a label (a date, or
/// the index pandas writes) rather than a trial when its first data cell is not a number or its header cell is empty.
/// Blank lines are skipped. A bad cell is reported by line and column, 1-based.
/// </summary>
public static class ReturnMatrixCsv
{
    public static ReturnMatrix Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static ReturnMatrix Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lines = new List<(int Number, string[] Cells)>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add((number, line.Split(',').Select(c => c.Trim().Trim('"')).ToArray()));
            }
        }

        if (lines.Count == 0)
        {
            throw new FormatException($"{source}: no rows");
        }

        var header = lines[0].Cells.Any(c => !IsNumber(c)) ? lines[0].Cells : null;
        var data = header is null ? lines : lines.Skip(1).ToList();
        if (data.Count == 0)
        {
            throw new FormatException($"{source}: a header and no periods");
        }

        var labelled = !IsNumber(data[0].Cells[0]) || header is { } h && h[0].Length == 0;
        var skip = labelled ? 1 : 0;
        var width = data[0].Cells.Length;
        if (header is not null && header.Length != width)
        {
            throw new FormatException($"{source}:{lines[0].Number}: the header has {header.Length} columns, the first period {width}");
        }

        var trials = width - skip;
        if (trials < 1)
        {
            throw new FormatException($"{source}:{data[0].Number}: no trial columns");
        }

        var values = new double[data.Count * trials];
        for (var t = 0; t < data.Count; t++)
        {
            var (line, cells) = data[t];
            if (cells.Length != width)
            {
                throw new FormatException($"{source}:{line}: {cells.Length} columns, expected {width}");
            }

            for (var n = 0; n < trials; n++)
            {
                var cell = cells[n + skip];
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw new FormatException($"{source}:{line}: column {n + skip + 1}: '{cell}' is not a finite number");
                }

                values[t * trials + n] = value;
            }
        }

        var names = header?.Skip(skip).ToArray();
        return new ReturnMatrix(data.Count, trials, values, names);
    }

    private static bool IsNumber(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);
}
