using KeyBuzz.Collector.Core.Tuning;

namespace KeyBuzz.Collector.Core.Tests.Tuning;

public sealed class SettingValueTests
{
    [Theory]
    [InlineData("1024M", "1073741824")]
    [InlineData("1G", "1024M")]
    [InlineData("PT3S", "PT3.0S")]
    [InlineData("PT1M30S", "PT90S")]
    [InlineData("YES", "true")]
    [InlineData("O_DIRECT", "o_direct")]
    [InlineData("\"rsync\"", "rsync")]
    public void Same_value_written_two_ways(string a, string b) => Assert.True(SettingValue.Same(a, b));

    [Theory]
    [InlineData("1024M", "512M")]
    [InlineData("PT3S", "PT5S")]
    [InlineData("rsync", "mariabackup")]
    [InlineData("YES", "NO")]
    [InlineData("ON", "1")] // "1" stays a number: innodb_flush_log_at_trx_commit=1 is not a switch
    public void Different_values(string a, string b) => Assert.False(SettingValue.Same(a, b));
}
