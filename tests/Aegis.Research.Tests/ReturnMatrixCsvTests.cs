using Aegis.Research.Overfitting;

namespace Aegis.Research.Tests;

public sealed class ReturnMatrixCsvTests
{
    [Fact]
    public void A_plain_matrix_of_numbers_has_one_trial_per_column()
    {
        var matrix = ReturnMatrixCsv.Read(new StringReader("0.1,0.2\n-0.3,0.4\n\n0.5,-0.6\n"), "m.csv");

        Assert.Equal((3, 2), (matrix.Periods, matrix.Trials));
        Assert.Equal(-0.6, matrix[2, 1]);
        Assert.Equal(new[] { "0", "1" }, matrix.TrialNames);
    }

    [Fact]
    public void A_header_names_the_trials_and_a_date_column_or_a_pandas_index_is_not_a_trial()
    {
        var dated = ReturnMatrixCsv.Read(new StringReader("date,fast,slow\n2024-01-02,0.1,0.2\n2024-01-03,0.3,0.4\n"), "d.csv");
        Assert.Equal(new[] { "fast", "slow" }, dated.TrialNames);
        Assert.Equal(0.4, dated[1, 1]);

        var indexed = ReturnMatrixCsv.Read(new StringReader(",a,b,c\n0,1,2,3\n1,4,5,6\n"), "p.csv");
        Assert.Equal((2, 3), (indexed.Periods, indexed.Trials));
        Assert.Equal(6, indexed[1, 2]);
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,x\n", "m.csv:3: column 2: 'x' is not a finite number")]
    [InlineData("1,2\n3\n", "m.csv:2: 1 columns, expected 2")]
    [InlineData("1,2\n3,NaN\n", "m.csv:2: column 2: 'NaN' is not a finite number")]
    [InlineData("\n\n", "m.csv: no rows")]
    public void A_bad_cell_is_named_by_line_and_column(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => ReturnMatrixCsv.Read(new StringReader(text), "m.csv"));
        Assert.Equal(message, error.Message);
    }
}
