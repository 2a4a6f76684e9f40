using Aegis.Client.Infrastructure;

namespace Aegis.Client.Tests;

[Trait("Category", "Unit")]
public sealed class OutputTests
{
    [Fact]
    public void Table_pads_every_column_but_the_last_to_its_widest_cell()
    {
        var text = Output.RenderTable(["ID", "STATUS", "NOTE"], [["alpha", "running", "x"], ["b", "halted", "operator halt"]]);

        Assert.Equal(
            "ID     STATUS   NOTE\n" +
            "-----  -------  -------------\n" +
            "alpha  running  x\n" +
            "b      halted   operator halt\n",
            text);
    }

    [Fact]
    public void Table_without_rows_prints_the_headers_and_the_rule() =>
        Assert.Equal("ID  STATUS\n--  ------\n", Output.RenderTable(["ID", "STATUS"], []));

    [Fact]
    public void Fields_align_their_values_after_the_longest_name() =>
        Assert.Equal("  cash    1.00\n  status  running\n", Output.RenderFields([("cash", "1.00"), ("status", "running")]));
}
