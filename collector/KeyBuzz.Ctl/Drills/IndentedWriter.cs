using System.Text;

namespace KeyBuzz.Ctl.Drills;

/// <summary>Another command's output inside a drill report: each line indented under the drill's own.</summary>
internal sealed class IndentedWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void WriteLine(string? value) => inner.WriteLine($"    {value}");

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync($"    {value}");

    public override void Write(char value) => inner.Write(value);
}
