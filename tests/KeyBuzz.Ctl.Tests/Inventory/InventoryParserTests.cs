using KeyBuzz.Ctl.Inventory;

namespace KeyBuzz.Ctl.Tests.Inventory;

public sealed class InventoryParserTests
{
    public const string Valid = """
        # KeyBuzz ERP servers
        hostname	private_ip	role	cluster	notes
        db1	10.0.0.11	mariadb	erp	rack A
        db2	10.0.0.12	mariadb	erp	rack B
        db3	10.0.0.13	mariadb	erp	rack C
        proxy1	10.0.0.21	proxysql	erp	-
        mon1	10.0.0.5	collector	-	-
        """;

    private static string With(string replace, string by) => Valid.Replace(replace, by, StringComparison.Ordinal);

    public static TheoryData<string, string, string?> Cases => new()
    {
        { "valid file with comments and extra columns", Valid, null },
        { "header lacks a column", With("private_ip\trole", "ip\trole"), "servers.tsv:2: the header lacks private_ip" },
        { "bad IP", With("10.0.0.12", "10.0.12"), "servers.tsv:4: private_ip '10.0.12' is not an IP address" },
        { "unknown role", With("db3\t10.0.0.13\tmariadb", "db3\t10.0.0.13\tgalera"), "servers.tsv:5: role 'galera' must be one of mariadb, proxysql, collector" },
        { "bad hostname", With("db2\t", "db 2\t"), "servers.tsv:4: hostname 'db 2' is invalid" },
        { "missing cluster", With("db1\t10.0.0.11\tmariadb\terp", "db1\t10.0.0.11\tmariadb\t"), "servers.tsv:3: cluster '' is invalid for a mariadb row" },
        { "too few columns", With("db2\t10.0.0.12\tmariadb\terp\track B", "db2 10.0.0.12 mariadb erp"), "servers.tsv:4: 1 column(s)" },
        { "duplicate host", With("db3\t10.0.0.13", "db1\t10.0.0.11"), "servers.tsv:5: db1 is listed as mariadb twice (first on line 3)" },
        { "same IP for two hosts", With("10.0.0.13", "10.0.0.11"), "private_ip 10.0.0.11 is used by db1 and db3" },
        { "no collector", With("mon1\t10.0.0.5\tcollector\t-\t-", ""), "no collector row" },
        { "two collectors", Valid + "\nmon2\t10.0.0.6\tcollector\t-\t-", "more than one collector row" },
        { "collector with a cluster", With("collector\t-", "collector\terp"), "the collector serves every cluster" },
        { "proxies without database", Valid + "\nproxy9\t10.0.0.29\tproxysql\tcrm\t-", "cluster crm has ProxySQL rows but no mariadb node" },
        { "empty file", "# nothing\n", "empty; the first line must be the header" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rows_are_validated_with_line_numbers(string name, string text, string? expected)
    {
        var (inventory, errors) = InventoryParser.Parse(text, "servers.tsv");

        if (expected is null)
        {
            Assert.True(inventory is not null, $"{name}: {string.Join("; ", errors)}");
            Assert.Equal(5, inventory.Rows.Count);
            Assert.Equal("mon1", inventory.Collector.HostName);
        }
        else
        {
            Assert.Null(inventory);
            Assert.True(errors.Any(e => e.Contains(expected, StringComparison.Ordinal)), $"{name}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void Configuring_ProxySQL_needs_no_collector_row()
    {
        var text = With("mon1\t10.0.0.5\tcollector\t-\t-", "");

        Assert.Null(InventoryParser.Parse(text, "servers.tsv").Inventory);
        Assert.NotNull(InventoryParser.Parse(text, "servers.tsv", requireCollector: false).Inventory);
    }

    [Fact]
    public void Every_bad_row_is_reported_not_only_the_first()
    {
        var (_, errors) = InventoryParser.Parse(With("10.0.0.11", "x").Replace("10.0.0.12", "y", StringComparison.Ordinal), "servers.tsv");

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void An_even_galera_cluster_is_a_warning_not_an_error()
    {
        var (inventory, _) = InventoryParser.Parse(With("db3\t10.0.0.13\tmariadb\terp\track C", ""), "servers.tsv");

        Assert.NotNull(inventory);
        Assert.Contains(inventory.Warnings, w => w.Contains("cluster erp has 2 MariaDB node(s)", StringComparison.Ordinal));
    }
}
