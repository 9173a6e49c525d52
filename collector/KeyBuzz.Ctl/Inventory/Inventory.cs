namespace KeyBuzz.Ctl.Inventory;

/// <summary>A validated servers.tsv: every row is usable, at most one collector (exactly one when it was required: inventory render).</summary>
internal sealed record Inventory(IReadOnlyList<InventoryRow> Rows, IReadOnlyList<string> Warnings)
{
    public InventoryRow Collector => Rows.Single(r => r.Role == InventoryRow.Collector);

    public IEnumerable<IGrouping<string, InventoryRow>> Clusters =>
        Rows.Where(r => r.Role != InventoryRow.Collector).GroupBy(r => r.Cluster, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
}
