using System.Text;

namespace KeyBuzz.Ctl.Output;

/// <summary>A plain aligned text table, as DBAs expect from CLI tools.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public string Render()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => i < r.Length ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        var builder = new StringBuilder();
        Append(builder, headers, widths);
        foreach (var row in _rows)
        {
            Append(builder, row, widths);
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string[] cells, int[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Length ? cells[i] : string.Empty;
            builder.Append(i == widths.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
        }

        builder.Append('\n');
    }
}
