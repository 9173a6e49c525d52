using KeyBuzz.Agent.Repair;

namespace KeyBuzz.Agent.Tests.Repair;

public sealed class ConfigFragmentWriterTests
{
    [Fact]
    public void Node_provider_options_are_appended_to_the_fragment_line()
    {
        var text = ConfigFragmentWriter.WithNodeProviderOptions(
            "[galera]\nwsrep_provider_options=\"gcache.size=1G;gcs.fc_limit=256\"\nwsrep_slave_threads=4\n",
            "gmcast.listen_addr=tcp://10.0.0.1:4567;");
        Assert.Contains("wsrep_provider_options=\"gcache.size=1G;gcs.fc_limit=256;gmcast.listen_addr=tcp://10.0.0.1:4567\"", text, StringComparison.Ordinal);
        Assert.Contains("wsrep_slave_threads=4", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fragment_without_provider_options_is_unchanged() =>
        Assert.Equal("[mysqld]\ninnodb_buffer_pool_size=1G\n", ConfigFragmentWriter.WithNodeProviderOptions("[mysqld]\ninnodb_buffer_pool_size=1G\n", "gmcast.listen_addr=tcp://10.0.0.1:4567"));

    [Fact]
    public void No_node_options_leaves_the_fragment_alone() =>
        Assert.Equal("[galera]\nwsrep-provider-options='a=1'\n", ConfigFragmentWriter.WithNodeProviderOptions("[galera]\nwsrep-provider-options='a=1'\n", " "));
}
